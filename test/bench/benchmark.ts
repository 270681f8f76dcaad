// npm run bench: medians over repeated runs on simulated servers made fresh for it, each ratio against a
// baseline measured in the same run. Prints a table; docs/performance.md keeps one such table.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { locatePwsh } from '../../src/session/pwsh-locator.js';
import { runPwshFileJson } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { runNaiveRecovery } from './naive-recovery.js';
import { benchExecutable, benchFleet, benchRemote } from './remote-bench.js';
import { benchScript } from './bench-script.js';
import { median, ms } from './statistics.js';

const PASSWORD = 'Bench-Forest-Pw-1!';
const GLOBAL_ADMIN_PASSWORD = 'Bench-Admin-Pw-2!';
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? '3');
const SIZES = (process.env['BENCH_SIZES'] ?? '1,10,50,200').split(',').filter((size) => size !== '').map(Number);
const SECTIONS = new Set((process.env['BENCH_ONLY'] ?? 'import,cold,warm,remote,fleet,executable,recovery').split(','));
const NAIVE_SIZES = new Set((process.env['BENCH_NAIVE_SIZES'] ?? '1,10').split(',').map(Number));

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}
const rows: Row[] = [];
// Rows are printed as they are measured too, so a long run shows progress.
function addRow(row: Row): void {
  rows.push(row);
  const comparison = row.baseline === '' ? '' : ` vs ${row.baseline} = ${row.ratio}`;
  console.log(`  ${row.measure}: ${row.value}${comparison}${row.target === '' ? '' : ` (target ${row.target})`}`);
}
const STDIN = `${PASSWORD}\n${GLOBAL_ADMIN_PASSWORD}\n`;

/** Makes a key-lost server with `forests` AD forests; returns the forest names. */
async function makeServer(path: string, forests: number, serverName = 'AADC01'): Promise<string[]> {
  const made = await runPwshFileJson<{ Forests: string[] }>(benchScript('New-BenchServer.ps1'), ['-Path', path, '-ForestCount', String(forests), '-ServerName', serverName], { stdin: STDIN, timeoutMs: 300_000 });
  return made.Forests;
}

/** One recovery through the module in one pwsh, timed around the cmdlet after a warm-up call. */
async function timeModuleRecovery(root: string, forests: number, run: number): Promise<number> {
  const path = join(root, `recovery-${forests}-${run}`);
  await makeServer(path, forests);
  const result = await runPwshFileJson<{ ms: number; outcome: string }>(benchScript('Measure-ModuleRecovery.ps1'), ['-Path', path, '-ForestCount', String(forests)], { stdin: STDIN, timeoutMs: 900_000 });
  if (result.outcome !== 'Succeeded') throw new Error(`The recovery of ${forests} connectors ended ${result.outcome}`);
  return result.ms;
}

async function benchRecovery(root: string): Promise<void> {
  const totals = new Map<number, number>();
  for (const size of SIZES) {
    const times: number[] = [];
    for (let run = 0; run < REPEATS; run += 1) times.push(await timeModuleRecovery(root, size, run));
    const ours = median(times);
    totals.set(size, ours);
    let baseline = '(not run)';
    let ratio = '';
    if (NAIVE_SIZES.has(size)) {
      const path = join(root, `naive-${size}`);
      const forests = await makeServer(path, size);
      const naive = await runNaiveRecovery(path, forests, PASSWORD, GLOBAL_ADMIN_PASSWORD);
      baseline = `${ms(naive.elapsedMs)} (${naive.commands} pwsh starts)`;
      ratio = `${(naive.elapsedMs / ours).toFixed(1)}x faster`;
    }
    addRow({ measure: `recovery, ${size} AD connector(s)`, value: `${ms(ours)} (${ms(ours / size)}/connector)`, baseline, ratio, target: size === 10 ? '>= 10x faster' : '' });
  }
  // A recovery has a fixed part (stop, abandon, start, verify); what must stay flat is what each further
  // connector adds: the marginal time per connector between consecutive sizes.
  const sizes = [...totals.keys()].sort((a, b) => a - b);
  const marginal: Array<{ from: number; to: number; perConnector: number }> = [];
  for (let i = 1; i < sizes.length; i += 1) {
    const from = sizes[i - 1] ?? 0;
    const to = sizes[i] ?? 0;
    marginal.push({ from, to, perConnector: ((totals.get(to) ?? 0) - (totals.get(from) ?? 0)) / (to - from) });
  }
  for (const step of marginal) {
    addRow({ measure: `each further connector, ${step.from} -> ${step.to}`, value: ms(step.perConnector), baseline: '', ratio: '', target: '' });
  }
  const fromTen = marginal.filter((step) => step.from >= 10);
  if (fromTen.length > 0) {
    const values = fromTen.map((step) => step.perConnector);
    addRow({ measure: `time per further connector, 10 to ${sizes.at(-1) ?? 0}: largest vs smallest`, value: ms(Math.max(...values)), baseline: ms(Math.min(...values)), ratio: `${(Math.max(...values) / Math.min(...values)).toFixed(2)}x`, target: '<= 1.5x' });
  }
}

async function benchWarmDiagnosis(root: string): Promise<void> {
  const path = join(root, 'warm');
  await makeServer(path, 3);
  const iterations = 40;
  const result = await runPwshFileJson<{ ours: number[]; direct: number[] }>(benchScript('Measure-WarmDiagnosis.ps1'), ['-Path', path, '-Iterations', String(iterations)]);
  const ours = median(result.ours);
  const direct = median(result.direct);
  addRow({ measure: 'warm Test-AADSyncEncryptionKey -Detailed', value: ms(ours), baseline: `${ms(direct)} (same commands in an open pwsh)`, ratio: `${(ours / direct).toFixed(2)}x`, target: '<= 1.5x' });
}

function timeProcess(command: string, args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(run.status)}`);
  return performance.now() - started;
}

async function benchCold(root: string): Promise<void> {
  const path = join(root, 'cold');
  await makeServer(path, 3);
  const ours: number[] = [];
  for (let run = 0; run < REPEATS + 2; run += 1) {
    const result = await runPwshFileJson<{ ms: number }>(benchScript('Measure-ColdCall.ps1'), ['-Path', path]);
    ours.push(result.ms);
  }
  const pwsh: number[] = [];
  const node: number[] = [];
  for (let run = 0; run < REPEATS + 2; run += 1) {
    pwsh.push(timeProcess(locatePwsh(), ['-NoProfile', '-NonInteractive', '-Command', 'exit']));
    node.push(timeProcess(process.execPath, ['-e', '0']));
  }
  const floor = median(pwsh) + median(node);
  addRow({ measure: 'cold first call (starts core and session)', value: ms(median(ours)), baseline: `${ms(floor)} (pwsh -NoProfile ${ms(median(pwsh))} + node ${ms(median(node))})`, ratio: `${(median(ours) / floor).toFixed(2)}x`, target: '<= 1.3x' });
}

async function benchImport(root: string): Promise<void> {
  // The baseline is an empty module of the same kind: a manifest with an empty root module.
  const empty = join(root, 'Empty');
  mkdirSync(empty);
  writeFileSync(join(empty, 'Empty.psm1'), '# an empty module\n');
  writeFileSync(join(empty, 'Empty.psd1'), "@{ RootModule = 'Empty.psm1'; ModuleVersion = '1.0.0'; GUID = '6a0e6d8e-3c57-4d0a-9d64-1f1e2b7c0a11'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }\n");
  const times = await runPwshFileJson<{ ours: number[]; empty: number[] }>(benchScript('Measure-ModuleImport.ps1'), ['-EmptyManifest', join(empty, 'Empty.psd1'), '-Repeats', String(REPEATS + 12)]);
  addRow({ measure: 'Import-Module AADSyncKey', value: ms(median(times.ours)), baseline: `${ms(median(times.empty))} (empty manifest module)`, ratio: `${(median(times.ours) / median(times.empty)).toFixed(2)}x`, target: '<= 2x' });
}

function printTable(): void {
  const header: Row = { measure: 'measure', value: 'median', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target' };
  const all = [header, ...rows];
  const widths = (Object.keys(header) as Array<keyof Row>).map((key) => Math.max(...all.map((row) => row[key].length)));
  const line = (row: Row): string => `| ${(Object.keys(header) as Array<keyof Row>).map((key, i) => row[key].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const root = makeTempDir();
  try {
    console.log(`AADSyncKey benchmark: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${locatePwsh()}; ${REPEATS} runs each (median)`);
    if (SECTIONS.has('import')) await benchImport(root);
    if (SECTIONS.has('cold')) await benchCold(root);
    if (SECTIONS.has('warm')) await benchWarmDiagnosis(root);
    if (SECTIONS.has('remote')) await benchRemote(root, REPEATS, makeServer, addRow);
    if (SECTIONS.has('fleet')) await benchFleet(root, REPEATS, addRow);
    if (SECTIONS.has('executable')) await benchExecutable(root, REPEATS, makeServer, addRow);
    if (SECTIONS.has('recovery')) await benchRecovery(root);
    printTable();
  } finally {
    removeTempDir(root);
  }
}

await main();
