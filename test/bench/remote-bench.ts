// The benchmark's rows for remote servers and for the package: a warm remote diagnosis against the same commands
// in an open PSSession, 1, 2 and 4 servers in one call, and the single executable's cold call.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '../../src/packaging/build-package.js';
import { MODULE_MANIFEST, runPwshFileJson } from '../helpers/pwsh.js';
import { createSimServers } from '../helpers/simulator.js';
import { freePort, startSshFleet, startSshServer, type SshServer } from '../helpers/sshd.js';
import { benchScript } from './bench-script.js';
import { median, ms } from './statistics.js';

/** A benchmark row, as benchmark.ts prints it. */
export interface BenchRow {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

/** Starts `count` sshd-fronted simulated servers (made by makeServer) on 127.0.0.2 onwards, one port. */
async function startServers(root: string, count: number, makeServer: (path: string, forests: number, serverName?: string) => Promise<unknown>): Promise<{ servers: SshServer[]; config: string }> {
  const port = await freePort();
  const servers: SshServer[] = [];
  for (let i = 0; i < count; i += 1) {
    const state = join(root, `remote-${i}`);
    // Servers of their own names, as real ones are (journals and inventories are kept per server).
    await makeServer(state, 3, `AADC-${i + 1}`);
    servers.push(await startSshServer(join(root, `ssh-${i}`), `127.0.0.${i + 2}`, port, state, join(root, 'admin_key')));
  }
  const knownHosts = join(root, 'known_hosts');
  writeFileSync(knownHosts, servers.map((s) => readFileSync(s.knownHostsPath, 'utf8')).join(''));
  const config = join(root, 'remote-bench.json');
  writeFileSync(config, JSON.stringify({ dataFolder: join(root, 'remote-data'), knownHosts, servers: servers.map((s) => ({ hostName: s.hostName, port: s.port, keyFilePath: s.keyFilePath })) }));
  return { servers, config };
}

/** Warm remote diagnosis vs Invoke-Command in an open PSSession; then 1, 2 and 4 servers in one call. */
export async function benchRemote(root: string, repeats: number, makeServer: (path: string, forests: number, serverName?: string) => Promise<unknown>, addRow: (row: BenchRow) => void): Promise<void> {
  const { servers, config } = await startServers(root, 4, makeServer);
  try {
    const warm = await runPwshFileJson<{ ours: number[]; direct: number[] }>(benchScript('Measure-RemoteDiagnosis.ps1'), ['-ConfigPath', config, '-Iterations', '20'], { timeoutMs: 600_000 });
    addRow({ measure: 'warm remote Test-AADSyncEncryptionKey -Detailed (SSH)', value: ms(median(warm.ours)), baseline: `${ms(median(warm.direct))} (same commands, Invoke-Command in an open PSSession)`, ratio: `${(median(warm.ours) / median(warm.direct)).toFixed(2)}x`, target: '<= 1.5x' });

    const counts = [1, 2, 4];
    const fan = await runPwshFileJson<Record<string, number[]>>(benchScript('Measure-RemoteFanOut.ps1'), ['-ConfigPath', config, '-Rounds', String(repeats + 4)], { timeoutMs: 600_000 });
    const single = median(fan['1'] ?? []);
    for (const count of counts) {
      const value = median(fan[String(count)] ?? []);
      addRow({ measure: `warm diagnosis of ${count} server(s) in one call`, value: ms(value), baseline: count === 1 ? '' : `${ms(single)} (1 server)`, ratio: count === 1 ? '' : `${(value / single).toFixed(2)}x`, target: count === 4 ? '<= 1.5x' : '' });
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** The fleet rows' server counts: one, a site's few, and more than the 16 PowerShell processes the core once kept. */
const FLEET_COUNTS = [1, 8, 24];

/**
 * A fleet in one call: 1, 8 and 24 servers (one sshd per 16 loopback addresses), each count in a PowerShell of its
 * own: the cold call, the warm median, and this side's resident memory (the core, the hub's pwsh, an ssh each).
 */
export async function benchFleet(root: string, repeats: number, addRow: (row: BenchRow) => void): Promise<void> {
  const largest = Math.max(...FLEET_COUNTS);
  const specs = Array.from({ length: largest }, (_, i) => ({ path: join(root, `fleet-${i + 1}`), serverName: `AADC-F${i + 1}`, forestCount: 3 }));
  await createSimServers(specs);
  const port = await freePort();
  const fleet = await startSshFleet(join(root, 'fleet-ssh'), port, specs.map((spec, i) => ({ hostName: `127.0.2.${i + 1}`, statePath: spec.path })), join(root, 'admin_key'));
  try {
    const [first] = fleet as [SshServer];
    const config = join(root, 'fleet-bench.json');
    writeFileSync(config, JSON.stringify({ dataFolder: join(root, 'fleet-data'), knownHosts: first.knownHostsPath, servers: fleet.map((s) => ({ hostName: s.hostName, port, keyFilePath: s.keyFilePath })) }));
    let single: { cold: number; warm: number; cpu: number } | undefined;
    for (const count of FLEET_COUNTS) {
      const run = await runPwshFileJson<{ coldMs: number; warmMs: number[]; rssKiB: { node: number; pwsh: number; ssh: number }; pssKiB: number; cpuMsPerCall: number }>(benchScript('Measure-Fleet.ps1'), ['-ConfigPath', config, '-Count', String(count), '-Rounds', String(repeats + 2)], { timeoutMs: 900_000 });
      const warm = median(run.warmMs);
      single ??= { cold: run.coldMs, warm, cpu: run.cpuMsPerCall };
      const mib = (kib: number): string => `${Math.round(kib / 1024)} MiB`;
      const { node, pwsh, ssh } = run.rssKiB;
      const against = (value: number, base: number): string => (count === 1 ? '' : `${(value / base).toFixed(2)}x`);
      addRow({ measure: `fleet: ${count} server(s) in one call, cold`, value: ms(run.coldMs), baseline: count === 1 ? '' : `${ms(single.cold)} (1 server)`, ratio: against(run.coldMs, single.cold), target: '' });
      addRow({ measure: `fleet: ${count} server(s) in one call, warm`, value: ms(warm), baseline: count === 1 ? '' : `${ms(single.warm)} (1 server)`, ratio: against(warm, single.warm), target: count === largest ? '<= 2x' : '' });
      addRow({ measure: `fleet: ${count} server(s), this side's CPU per warm call`, value: ms(run.cpuMsPerCall), baseline: count === 1 ? '' : `${ms(single.cpu)} (1 server)`, ratio: against(run.cpuMsPerCall, single.cpu), target: '' });
      addRow({ measure: `fleet: ${count} server(s), this side's memory`, value: mib(node + pwsh + ssh), baseline: `resident: core ${mib(node)}, pwsh ${mib(pwsh)}, ssh ${mib(ssh)}; proportional (PSS) ${mib(run.pssKiB)}`, ratio: '', target: count === largest ? '< 400 MiB' : '' });
    }
  } finally {
    await fleet[0]?.stop();
  }
}

/** The cold first call from the package's single executable against node with the checkout's built files. */
export async function benchExecutable(root: string, repeats: number, makeServer: (path: string, forests: number, serverName?: string) => Promise<unknown>, addRow: (row: BenchRow) => void): Promise<void> {
  const built = await buildPackage(join(root, 'package'));
  const path = join(root, 'cold-sea');
  await makeServer(path, 3);
  const cold = async (manifest: string): Promise<number> => {
    const times: number[] = [];
    for (let run = 0; run < repeats + 2; run += 1) {
      const result = await runPwshFileJson<{ ms: number }>(benchScript('Measure-ColdCall.ps1'), ['-Path', path, '-Manifest', manifest]);
      times.push(result.ms);
    }
    return median(times);
  };
  // Turn about: executable, checkout, executable, ... would be fairer still, but each side's runs are short.
  const executable = await cold(join(built.moduleFolder, 'AADSyncKey.psd1'));
  const checkout = await cold(MODULE_MANIFEST);
  addRow({ measure: 'cold first call, single executable (package)', value: ms(executable), baseline: `${ms(checkout)} (node + built files, checkout)`, ratio: `${(executable / checkout).toFixed(2)}x`, target: '' });
}
