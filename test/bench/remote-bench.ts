// The benchmark's rows for remote servers and for the package: a warm remote diagnosis against the same commands
// in an open PSSession, 1, 2 and 4 servers in one call, and the single executable's cold call.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '../../src/packaging/build-package.js';
import { MODULE_MANIFEST, runPwshFileJson } from '../helpers/pwsh.js';
import { freePort, startSshServer, type SshServer } from '../helpers/sshd.js';
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
