import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { locatePwsh } from '../../src/session/pwsh-locator.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { descendantsOf } from './process-tree.js';

/** The OpenSSH server that scripts/bootstrap.sh installs from Debian's packages when it is missing. */
export const SSHD = '/usr/sbin/sshd';

/** A simulated sync server behind its own sshd on a loopback address: what a test needs to reach it. */
export interface SshServer {
  /** The loopback address the sshd listens on: each server has its own, so -HostName a,b -Port p reaches both. */
  readonly hostName: string;
  readonly port: number;
  readonly sshdPid: number;
  /** The simulated server's state folder (the sshd sets AADSYNCKEY_SIMULATOR to it for its sessions). */
  readonly statePath: string;
  /** The client's private key, and its known_hosts holding this server's host key. */
  readonly keyFilePath: string;
  readonly knownHostsPath: string;
  /** New-PSSession -Options for this server: host keys are checked against knownHostsPath. */
  readonly sshOptions: Readonly<Record<string, string>>;
  /** The remote PowerShell processes (pwsh -sshs) this sshd runs now. */
  remotePwshPids(): number[];
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (also free on the rest of 127/8 for the test's short life). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let privilegeSeparationFolderMadeHere = false;
let runningServers = 0;

/** One simulated server of a fleet: the loopback address it is reached on, and its state folder. */
export interface FleetMember {
  readonly hostName: string;
  readonly statePath: string;
}

/**
 * Starts a private sshd on `hostName`:`port` whose PowerShell subsystem is the project's pwsh, and whose sessions
 * see the simulated server in `statePath` (AADSYNCKEY_SIMULATOR, and the simulator module on PSModulePath).
 * Everything it uses is in `folder` (but a shared client key, made on first use); stop() ends the sshd and every process it started, by process id.
 */
export async function startSshServer(folder: string, hostName: string, port: number, statePath: string, sharedClientKey?: string): Promise<SshServer> {
  const [server] = await startSshDaemon(folder, port, [{ hostName, statePath }], sharedClientKey);
  if (server === undefined) throw new Error('no server was started');
  return server;
}

/** How many addresses one sshd listens on at most (OpenSSH's MAX_LISTEN_SOCKS). */
const ADDRESSES_PER_SSHD = 16;

/**
 * Starts private sshd processes (one per 16 addresses, sshd's own limit) that listen on the members' loopback
 * addresses, all on one port, and give each connection the simulated server of the address it came in on: many
 * servers, as an administrator's fleet, behind a few processes. Each member's remotePwshPids() are the pwsh
 * processes of its own address; stop() (on any member) ends every sshd and everything they started, by process id.
 */
export async function startSshFleet(folder: string, port: number, members: readonly FleetMember[], sharedClientKey?: string): Promise<SshServer[]> {
  const started: SshServer[][] = [];
  try {
    for (let first = 0; first < members.length; first += ADDRESSES_PER_SSHD) {
      // One client key for all: made by the first daemon when none was given.
      const clientKey = sharedClientKey ?? started[0]?.[0]?.keyFilePath;
      started.push(await startSshDaemon(join(folder, `sshd-${started.length + 1}`), port, members.slice(first, first + ADDRESSES_PER_SSHD), clientKey));
    }
  } catch (error) {
    for (const daemon of started) await daemon[0]?.stop();
    throw error;
  }
  // One known_hosts for the fleet, and one stop for all of its daemons.
  const knownHostsPath = join(folder, 'known_hosts');
  writeFileSync(knownHostsPath, started.map((daemon) => readFileSync(daemon[0]?.knownHostsPath ?? '', 'utf8')).join(''));
  const stop = async (): Promise<void> => {
    for (const daemon of started) await daemon[0]?.stop();
  };
  return started.flat().map((server) => ({ ...server, knownHostsPath, sshOptions: { UserKnownHostsFile: knownHostsPath, StrictHostKeyChecking: 'yes' }, stop }));
}

// One sshd that listens on every member's address and gives each connection the simulated server of the address
// it came in on (Match LocalAddress, SetEnv).
async function startSshDaemon(folder: string, port: number, members: readonly FleetMember[], sharedClientKey?: string): Promise<SshServer[]> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: scripts/bootstrap.sh installs openssh-server (npm run setup).`);
  mkdirSync(folder, { recursive: true });
  // sshd refuses to start without its privilege separation folder.
  if (!existsSync('/run/sshd')) {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    privilegeSeparationFolderMadeHere = true;
  }
  const hostKey = join(folder, 'host_key');
  // One admin key for several servers, as an admin has; else a key of this server's own.
  const clientKey = sharedClientKey ?? join(folder, 'client_key');
  for (const key of sharedClientKey !== undefined && existsSync(sharedClientKey) ? [hostKey] : [hostKey, clientKey]) {
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'aadsynckey-test', '-f', key], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
  }
  const authorizedKeys = join(folder, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${clientKey}.pub`));
  chmodSync(authorizedKeys, 0o600);
  const knownHosts = join(folder, 'known_hosts');
  const [keyType, keyData] = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ');
  writeFileSync(knownHosts, members.map((m) => `[${m.hostName}]:${port} ${keyType} ${keyData}\n`).join(''));
  const config = join(folder, 'sshd_config');
  const pwsh = locatePwsh();
  const moduleSearchPath = `PSModulePath=${join(PACKAGE_ROOT, 'src', 'simulator')}`;
  writeFileSync(config, [
    `Port ${port}`,
    ...members.map((m) => `ListenAddress ${m.hostName}`),
    `HostKey ${hostKey}`,
    `PidFile ${join(folder, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    // The keys live under /tmp, which StrictModes would refuse.
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    // A fleet connects all at once: the default (10:30:100) drops connections beyond ten that are not yet signed in.
    `MaxStartups ${Math.max(10, members.length * 2)}`,
    `Subsystem powershell ${pwsh} -sshs -NoLogo -NoProfile`,
    // Match blocks go last: each address is a server of its own.
    ...members.flatMap((m) => [`Match LocalAddress ${m.hostName}`, `  SetEnv AADSYNCKEY_SIMULATOR=${m.statePath} ${moduleSearchPath}`]),
    '',
  ].join('\n'));
  const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await listening(sshd, members.length, port);
  runningServers += 1;
  const pid = sshd.pid ?? -1;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      // The per-connection sshd processes and their pwsh first, then the listener: all of them ours, by id.
      for (const child of descendantsOf(pid).reverse()) killQuietly(child.pid);
      killQuietly(pid);
      if (sshd.exitCode === null && sshd.signalCode === null) await new Promise((resolve) => sshd.once('exit', resolve));
      runningServers -= 1;
      if (runningServers === 0 && privilegeSeparationFolderMadeHere) {
        rmdirSync('/run/sshd');
        privilegeSeparationFolderMadeHere = false;
      }
    })();
    return stopped;
  };
  return members.map((member) => ({
    hostName: member.hostName,
    port,
    sshdPid: pid,
    statePath: member.statePath,
    keyFilePath: clientKey,
    knownHostsPath: knownHosts,
    sshOptions: { UserKnownHostsFile: knownHosts, StrictHostKeyChecking: 'yes' },
    // The session pwsh of this address: sshd sets AADSYNCKEY_SIMULATOR in its environment.
    remotePwshPids: () => descendantsOf(pid).filter((p) => p.cmdline.includes('-sshs') && environmentOf(p.pid).includes(`AADSYNCKEY_SIMULATOR=${member.statePath}\0`)).map((p) => p.pid),
    stop,
  }));
}

// A process's environment as /proc shows it (NUL-separated), or '' once it is gone.
function environmentOf(pid: number): string {
  try {
    return `${readFileSync(`/proc/${pid}/environ`, 'latin1')}\0`;
  } catch {
    return '';
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

// Resolves when sshd says it listens; rejects with what it printed if it exits first.
function listening(sshd: ChildProcess, addresses: number, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not listen on its ${addresses} addresses, port ${port}, within 10 s: ${said}`)), 10_000);
    sshd.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      if (said.split('Server listening').length - 1 >= addresses) {
        clearTimeout(timer);
        resolve();
      }
    });
    sshd.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}: ${said}`));
    });
  });
}
