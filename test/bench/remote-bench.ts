// The benchmark's rows for remote servers and for the package: a warm remote diagnosis against the same commands
// in an open PSSession, 1, 2 and 4 servers in one call, and the single executable's cold call.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '../../src/packaging/build-package.js';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { MODULE_MANIFEST, runPwshJson } from '../helpers/pwsh.js';
import { freePort, startSshServer, type SshServer } from '../helpers/sshd.js';
import { median, ms } from './statistics.js';

/** A benchmark row, as benchmark.ts prints it. */
export interface BenchRow {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

const q = quotePowerShellLiteral;

// The remoting parameters of a call to these servers, as PowerShell text (one key, one known_hosts file).
function remoteArguments(servers: readonly SshServer[], knownHosts: string): string {
  const first = servers[0] as SshServer;
  return `-HostName ${servers.map((s) => q(s.hostName)).join(',')} -Port ${first.port} -UserName root -KeyFilePath ${q(first.keyFilePath)} -Options @{ UserKnownHostsFile = ${q(knownHosts)}; StrictHostKeyChecking = 'yes' }`;
}

/** Starts `count` sshd-fronted simulated servers (made by makeServer) on 127.0.0.2 onwards, one port. */
async function startServers(root: string, count: number, makeServer: (path: string, forests: number, serverName?: string) => Promise<unknown>): Promise<{ servers: SshServer[]; knownHosts: string }> {
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
  return { servers, knownHosts };
}

/** Warm remote diagnosis vs Invoke-Command in an open PSSession; then 1, 2 and 4 servers in one call. */
export async function benchRemote(root: string, repeats: number, makeServer: (path: string, forests: number, serverName?: string) => Promise<unknown>, addRow: (row: BenchRow) => void): Promise<void> {
  const { servers, knownHosts } = await startServers(root, 4, makeServer);
  try {
    const one = servers.slice(0, 1);
    const iterations = 20;
    const first = servers[0] as SshServer;
    const warm = await runPwshJson<{ ours: number[]; direct: number[] }>(`Import-Module ${q(MODULE_MANIFEST)}
$env:AADSYNCKEY_DATA_DIR = ${q(join(root, 'remote-data'))}
# The baseline: the same script, run with Invoke-Command in an open PSSession to the same server.
$session = New-PSSession -HostName ${q(first.hostName)} -Port ${first.port} -UserName root -KeyFilePath ${q(first.keyFilePath)} -Options @{ UserKnownHostsFile = ${q(knownHosts)}; StrictHostKeyChecking = 'yes' }
Invoke-Command -Session $session { Import-Module AADSyncSim; Connect-SimADSyncServer -Path $env:AADSYNCKEY_SIMULATOR }
$script = ${q(join(PACKAGE_ROOT, 'src/powershell/scripts/Get-ServerState.ps1'))}
1..3 | ForEach-Object { $null = Test-AADSyncEncryptionKey ${remoteArguments(one, knownHosts)} -Detailed; $null = Invoke-Command -Session $session -FilePath $script }
$ours = New-Object System.Collections.Generic.List[double]
$direct = New-Object System.Collections.Generic.List[double]
foreach ($i in 1..${iterations}) {
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Test-AADSyncEncryptionKey ${remoteArguments(one, knownHosts)} -Detailed; $ours.Add($w.Elapsed.TotalMilliseconds)
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Invoke-Command -Session $session -FilePath $script; $direct.Add($w.Elapsed.TotalMilliseconds)
}
@{ ours = $ours; direct = $direct } | ConvertTo-Json`, { timeoutMs: 600_000 });
    addRow({ measure: 'warm remote Test-AADSyncEncryptionKey -Detailed (SSH)', value: ms(median(warm.ours)), baseline: `${ms(median(warm.direct))} (same commands, Invoke-Command in an open PSSession)`, ratio: `${(median(warm.ours) / median(warm.direct)).toFixed(2)}x`, target: '<= 1.5x' });

    const counts = [1, 2, 4];
    // Ten warm-up calls reach every server (each pwsh, here and there, has compiled what it runs and settled), then
    // the sizes take turns.
    const fan = await runPwshJson<Record<string, number[]>>(`Import-Module ${q(MODULE_MANIFEST)}
$env:AADSYNCKEY_DATA_DIR = ${q(join(root, 'remote-data'))}
$times = @{ ${counts.map((count) => `'${count}' = New-Object System.Collections.Generic.List[double]`).join('; ')} }
1..10 | ForEach-Object { $null = Test-AADSyncEncryptionKey ${remoteArguments(servers, knownHosts)} -Detailed }
foreach ($round in 1..${repeats + 4}) {
${counts.map((count) => `    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Test-AADSyncEncryptionKey ${remoteArguments(servers.slice(0, count), knownHosts)} -Detailed; $times['${count}'].Add($w.Elapsed.TotalMilliseconds)`).join('\n')}
}
$times | ConvertTo-Json`, { timeoutMs: 600_000 });
    const single = median(fan['1'] ?? []);
    for (const count of counts) {
      const value = median(fan[String(count)] ?? []);
      addRow({ measure: `warm diagnosis of ${count} server(s) in one call`, value: ms(value), baseline: count === 1 ? '' : `${ms(single)} (1 server)`, ratio: count === 1 ? '' : `${(value / single).toFixed(2)}x`, target: count === 4 ? '<= 1.5x' : '' });
    }
  } finally {
    for (const server of servers) await server.stop();
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
      const result = await runPwshJson<{ ms: number }>(`Import-Module ${q(manifest)}
$env:AADSYNCKEY_SIMULATOR = ${q(path)}
$env:AADSYNCKEY_DATA_DIR = ${q(join(path, 'data'))}
$w = [Diagnostics.Stopwatch]::StartNew()
$null = Test-AADSyncEncryptionKey -Detailed
@{ ms = $w.Elapsed.TotalMilliseconds } | ConvertTo-Json`);
      times.push(result.ms);
    }
    return median(times);
  };
  // Turn about: executable, checkout, executable, ... would be fairer still, but each side's runs are short.
  const executable = await cold(join(built.moduleFolder, 'AADSyncKey.psd1'));
  const checkout = await cold(MODULE_MANIFEST);
  addRow({ measure: 'cold first call, single executable (package)', value: ms(executable), baseline: `${ms(checkout)} (node + built files, checkout)`, ratio: `${(executable / checkout).toFixed(2)}x`, target: '' });
}
