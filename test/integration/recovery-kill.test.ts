import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessSampler } from '../helpers/process-sampler.js';
import { descendantsOf, listProcesses } from '../helpers/process-tree.js';
import { isAlive, waitUntil } from '../helpers/processes.js';
import { runPwshFileJson, startPwshFile, testScript } from '../helpers/pwsh.js';
import { CANARY_PASSWORD, filesContaining } from '../helpers/secret-scan.js';
import { simHolds } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { stepSignalFiles, stepSignalOptions } from '../helpers/step-signals.js';

// Real processes, real kills: the node core, the core's pwsh session, or the admin's own pwsh is killed with
// SIGKILL at every step boundary and in the middle of each step. Every window is held open until the test releases
// it, never timed: at a boundary the core holds after the step (a preload module of the tests, see step-signals.ts);
// inside a step a simulator command is held (a fault armed when the step starts, so the same command in an earlier
// step runs freely; "after" faults hold once the command has changed the server). After each kill the admin runs
// the same command again (in the same console when it survived, in a new pwsh when it was the victim): the recovery
// must complete, the server end healthy, and the key have been abandoned exactly once.

type Victim = 'core' | 'session' | 'admin';

/** boundary: after `step` is done, before the next one starts; during: while `heldCommand` is held inside `step`. */
type KillPoint =
  | { readonly name: string; readonly step: string; readonly kind: 'boundary' }
  | { readonly name: string; readonly step: string; readonly kind: 'during'; readonly heldCommand: string };

const STEPS = ['stop-service', 'abandon-key', 'start-service', 'check-connectors', 'connector:contoso.com', 'connector:fabrikam.com', 'aad-service-account', 'verify-sync'];
const during = (name: string, step: string, heldCommand: string): KillPoint => ({ name, step, kind: 'during', heldCommand });
const POINTS: readonly KillPoint[] = [
  ...STEPS.slice(0, -1).map((step): KillPoint => ({ name: `after ${step}`, step, kind: 'boundary' })),
  during('during stop-service', 'stop-service', 'Get-Service'),
  during('during abandon-key, before miiskmu /a acts', 'abandon-key', 'miiskmu /a'),
  during('during abandon-key, after /a changed the key, before it exits', 'abandon-key', 'miiskmu /a:after'),
  during('during start-service, before the start', 'start-service', 'Start-Service'),
  during('during check-connectors', 'check-connectors', 'Get-ADSyncConnector'),
  during('during connector:contoso.com, before the store', 'connector:contoso.com', 'Add-ADSyncConnector'),
  during('during connector:contoso.com, after the store', 'connector:contoso.com', 'Add-ADSyncConnector:after'),
  during('during aad-account', 'aad-service-account', 'Add-ADSyncAADServiceAccount'),
  during('during verify-sync, before the cycle', 'verify-sync', 'Start-ADSyncSyncCycle'),
  during('during verify-sync, after the cycle started', 'verify-sync', 'Start-ADSyncSyncCycle:after'),
];
const ADMIN_POINTS = new Set(['after abandon-key', 'during abandon-key, after /a changed the key, before it exits', 'during connector:contoso.com, after the store']);

interface Case {
  readonly id: string;
  readonly point: KillPoint;
  readonly victim: Victim;
}

interface CaseResult {
  readonly killed: boolean;
  readonly killedPid: number | null;
  readonly firstRun: string;
  readonly rerun: { ran: boolean; outcome: string | null; errorId: string | null; message: string | null };
  readonly healthy: boolean;
  readonly testKey: boolean;
  readonly serviceStatus: string;
  readonly abandonCount: number;
  readonly unreadableCredentials: string[];
  readonly journalOutcome: string | null;
  /** How many abandons the journal itself counts (it must agree with the server's). */
  readonly journalAbandonCount: number;
}

const SECRETS = [CANARY_PASSWORD, 'Fabrikam-Pw-2!', 'GlobalAdmin-Pw-4!'].join('\n');

function caseFolders(root: string, testCase: Case): { server: string; data: string; signals: string } {
  return { server: join(root, testCase.id, 'server'), data: join(root, testCase.id, 'data'), signals: join(root, testCase.id) };
}

function victimPid(adminPid: number, victim: Victim): number | null {
  if (victim === 'admin') return adminPid;
  const tree = descendantsOf(adminPid);
  const core = tree.find((p) => p.cmdline.includes('dist/src/cli/core.js'));
  if (core === undefined) return null;
  if (victim === 'core') return core.pid;
  return tree.find((p) => p.ppid === core.pid && p.cmdline.includes('pwsh'))?.pid ?? null;
}

async function runCase(root: string, testCase: Case): Promise<CaseResult> {
  const { server, data, signals } = caseFolders(root, testCase);
  const files = stepSignalFiles(signals);
  const { point } = testCase;
  const env = {
    AADSYNCKEY_SIMULATOR: server,
    AADSYNCKEY_DATA_DIR: data,
    // The core holds after the boundary's step, or arms the held fault when the step starts (a preload module of the tests: the core has no test hook).
    ...stepSignalOptions(point.kind === 'boundary' ? 'hold' : 'arm', point.step, signals),
  };
  // When the admin's own pwsh is not the victim, its console runs the command again once told (-RerunWhen).
  const rerunFile = join(signals, 'rerun');
  const rerunsInPlace = testCase.victim !== 'admin';
  const admin = startPwshFile(testScript('Invoke-TestRecovery.ps1'), rerunsInPlace ? ['-RerunWhen', rerunFile] : [], { env, stdin: SECRETS, timeoutMs: 240_000 });

  const reached = await waitUntil(() => (point.kind === 'boundary' ? existsSync(files.held) : simHolds(server, point.heldCommand)), 90_000);
  let killedPid: number | null = null;
  let orphans: number[] = [];
  if (reached) {
    killedPid = victimPid(admin.pid, testCase.victim);
    if (killedPid !== null) {
      orphans = descendantsOf(killedPid, listProcesses()).map((p) => p.pid);
      process.kill(killedPid, 'SIGKILL');
    }
  }
  // Kills inside the abandon are rerun at once, while the killed side's miiskmu /a is still held: the rerun (which
  // clears the faults, releasing it) must wait for it or see what it did, never start a second one. (The admin's
  // pwsh counts as ended only once what it left has closed its output, so the rerun does not wait for it.)
  // Elsewhere what the victim leaves running is released and finishes on its own, as it would on a server.
  const rerunAtOnce = point.kind === 'during' && point.step === 'abandon-key';
  if (!rerunAtOnce) {
    writeFileSync(files.release, '');
    if (!rerunsInPlace) await admin.done;
    if (point.step !== 'abandon-key') await waitUntil(() => orphans.every((pid) => !isAlive(pid)), 30_000);
  }
  const killed = { killed: killedPid !== null, killedPid };
  if (rerunsInPlace) {
    writeFileSync(rerunFile, '');
    const run = await admin.done;
    const report = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.exitCode !== 0 || !report.startsWith('{')) throw new Error(`the admin's pwsh exited ${run.exitCode} without a report:\n${run.stdout}\n${run.stderr}`);
    return { ...killed, ...(JSON.parse(report) as Omit<CaseResult, 'killed' | 'killedPid'>) };
  }
  const after = await runPwshFileJson<Omit<CaseResult, 'killed' | 'killedPid' | 'firstRun'>>(testScript('Complete-KilledRecovery.ps1'), ['-Server', server], {
    env: { AADSYNCKEY_DATA_DIR: data },
    stdin: SECRETS,
    timeoutMs: 120_000,
  });
  const first = await admin.done;
  return { ...killed, firstRun: first.stdout.trim().split('\n').at(-1) ?? '', ...after };
}

describe('recovery survives kills at every step (real processes)', function () {
  this.timeout(1_800_000);
  let root: string;
  const cases: Case[] = [];
  // KILL_POINTS=<text> runs only the points whose name contains it (for working on one of them).
  for (const point of POINTS.filter((p) => p.name.includes(process.env['KILL_POINTS'] ?? ''))) {
    cases.push({ id: `c${cases.length}`, point, victim: 'core' });
    cases.push({ id: `c${cases.length}`, point, victim: 'session' });
    if (ADMIN_POINTS.has(point.name)) cases.push({ id: `c${cases.length}`, point, victim: 'admin' });
  }
  const results = new Map<string, CaseResult>();
  let canary: { samples: number; hits: string[] } = { samples: 0, hits: [] };
  let canaryFiles: string[] = [];

  before(async () => {
    root = makeTempDir();
    // Every server is built in one pwsh: a key-lost server with two forests, and the case's slow command.
    const list = join(root, 'servers.json');
    const servers = cases.map((c) => {
      const { server, signals } = caseFolders(root, c);
      const files = stepSignalFiles(signals);
      return { path: server, slowCommand: c.point.kind === 'boundary' ? null : `${c.point.heldCommand}=held`, armFile: files.armed, releaseFile: files.release };
    });
    writeFileSync(list, JSON.stringify(servers));
    await runPwshFileJson(testScript('New-KeyLostServer.ps1'), ['-ListFile', list], { stdin: SECRETS, timeoutMs: 300_000 });
    const sampler = new ProcessSampler(CANARY_PASSWORD, 100);
    // Two at a time: each case runs several processes of its own, and two keep both CPUs busy. No window is timed,
    // so a busy machine only makes it slower.
    const queue = [...cases];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) results.set(next.id, await runCase(root, next));
    };
    try {
      await Promise.all([worker(), worker()]);
    } finally {
      canary = sampler.stop();
    }
    canaryFiles = filesContaining(root, CANARY_PASSWORD);
  });
  after(() => {
    const all = [...results.values()];
    const completed = all.filter((r) => r.testKey && r.healthy && r.journalOutcome === 'Succeeded').length;
    const abandons = all.map((r) => r.abandonCount);
    console.log(`      kill points tried: ${all.filter((r) => r.killed).length} of ${cases.length}; recoveries completed: ${completed}; abandons per recovery: ${[...new Set(abandons)].join(', ')} (total ${abandons.reduce((a, b) => a + b, 0)}); canary hits: ${canary.hits.length + canaryFiles.length} (${canary.samples} process samples)`);
    removeTempDir(root);
  });

  for (const testCase of cases) {
    it(`kill the ${testCase.victim} ${testCase.point.name}: the rerun completes, healthy, key abandoned once`, () => {
      const result = results.get(testCase.id);
      expect(result, 'case ran').to.not.equal(undefined);
      if (result === undefined) return;
      const detail = JSON.stringify(result);
      expect(result.killed, `killed ${detail}`).to.equal(true);
      expect(result.rerun.errorId, detail).to.equal(null);
      expect(result.journalOutcome, detail).to.equal('Succeeded');
      expect(result.serviceStatus, detail).to.equal('Running');
      expect(result.testKey && result.healthy, detail).to.equal(true);
      expect(result.unreadableCredentials, detail).to.deep.equal([]);
      expect(result.abandonCount, detail).to.equal(1);
      expect(result.journalAbandonCount, detail).to.equal(1);
    });
  }

  it('showed the canary password to no process and left it in no file (journals included)', () => {
    expect(canary.samples).to.be.greaterThan(50);
    expect(canary.hits).to.deep.equal([]);
    expect(canaryFiles).to.deep.equal([]);
  });
});
