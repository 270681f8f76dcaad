import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJournal } from '../../src/recovery/journal-store.js';
import { journalFilesUnder, stepRunning } from '../helpers/journal-files.js';
import { caseOutcome, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { waitUntil } from '../helpers/processes.js';
import { runPwshFileJson, startPwshFile, testScript, type PwshRun } from '../helpers/pwsh.js';
import { clearSimFaults } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

const SECRETS = ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'GlobalAdmin-Pw-3!'].join('\n');

function filesNamed(folder: string, pattern: RegExp): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => pattern.test(name));
}

// The promises of issue 10, each as the administrator would meet it: a resume never harms a server the journal no
// longer fits, the key is abandoned at most once, and the journal survives a full disk and hand edits.
describe('recovery safety: resume checks, one abandon, the server lock, checked writes (real pwsh)', function () {
  this.timeout(600_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('RecoverySafety.Cases.ps1'), ['-Root', root], { stdin: SECRETS, timeoutMs: 580_000 });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const result = (name: string): RecoveryOutput => firstOutput<RecoveryOutput>(outcomes, name);

  it('closes an old journal as superseded when the server was repaired and has another problem, and abandons nothing', () => {
    expect(outcome('repairedThenLogon.first')).to.include({ ok: false, abandonCount: 0 });
    expect(outcome('repairedThenLogon.byHand')).to.include({ ok: true, abandonCount: 1 });
    expect(outcome('repairedThenLogon.byHand').output).to.deep.equal([true]);
    expect(outcome('repairedThenLogon')).to.include({ ok: false, errorId: 'RecoveryNotNeeded', abandonCount: 1 });
    expect(outcome('repairedThenLogon').message).to.include('ServiceLogonFailure');
    expect(outcome('repairedThenLogon').warnings.join('\n')).to.include('superseded');
    expect(result('repairedThenLogon.journal')).to.include({ Outcome: 'Superseded', KeyAbandonCount: 0 });
  });

  it('refuses -Resume of a journal the healthy server no longer fits, changing nothing', () => {
    expect(outcome('repairedHealthy')).to.include({ ok: false, errorId: 'RecoverySuperseded', abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
    expect(outcome('repairedHealthy').message).to.include('Healthy');
  });

  it('starts a service found stopped on resume before the steps that need it, and abandons once', () => {
    expect(outcome('stoppedOnResume.first')).to.include({ ok: false, errorId: 'AzureADSignInFailed', abandonCount: 1 });
    expect(result('stoppedOnResume')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(outcome('stoppedOnResume')).to.include({ abandonCount: 1, serviceStatus: 'Running', keyState: 'Healthy' });
  });

  it('journals a failed miiskmu /a as failed and uncounted; the rerun abandons once', () => {
    expect(outcome('failedAbandon.first')).to.include({ ok: false, errorId: 'KeyAbandonFailed', abandonCount: 0 });
    expect(result('failedAbandon.journal')).to.include({ KeyAbandonCount: 0 });
    expect(result('failedAbandon.journal').Steps[1]).to.include({ Step: 'abandon-key', Status: 'Failed' });
    expect(result('failedAbandon')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(outcome('failedAbandon')).to.include({ abandonCount: 1, keyState: 'Healthy' });
  });

  it('tells an abandon that miiskmu claimed but the server never saw from one that happened, by the next start', () => {
    expect(outcome('noopAbandon.first')).to.include({ ok: false, errorId: 'KeyAbandonNotEffective', abandonCount: 0 });
    expect(result('noopAbandon')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(outcome('noopAbandon')).to.include({ abandonCount: 1, keyState: 'Healthy' });
  });

  it('finds a journal kept with -JournalPath without being told, and never abandons twice for a journal out of reach', () => {
    expect(outcome('journalPath.first')).to.include({ ok: false, abandonCount: 1 });
    expect(result('journalPath')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1, JournalPath: join(root, 'kept', 'journal.json') });
    expect(outcome('journalPath')).to.include({ abandonCount: 1 });
    expect(outcome('otherData.first')).to.include({ ok: false, errorId: 'ServiceStartFailed', abandonCount: 1 });
    expect(outcome('otherData')).to.include({ ok: true, abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
    const steps = result('otherData').Steps;
    expect(steps.slice(0, 2).map((s) => s.Status)).to.deep.equal(['Skipped', 'Skipped']);
    expect(steps[1]?.Verified).to.include("server's record");
    expect(journalFilesUnder(join(root, 'data-two'))).to.have.length(1);
  });

  it('refuses a hand-edited journal whose steps no plan has, changing nothing', () => {
    expect(outcome('edited')).to.include({ ok: false, errorId: 'JournalCorrupt', stateChanged: false });
    expect(outcome('edited').message).to.include('not a plan this module makes');
  });

  it('refuses a password longer than any server accepts and an empty -JournalPath, changing nothing; every changing cmdlet has -TimeoutSeconds', () => {
    expect(outcome('longPassword')).to.include({ ok: false, errorId: 'SecretTooLong', category: 'InvalidArgument', stateChanged: false });
    expect(outcome('longPassword').message).to.include('257').and.not.include('xxxx');
    expect(outcome('emptyJournalPath')).to.include({ ok: false, errorId: 'ParameterArgumentValidationError', stateChanged: false });
    // Every cmdlet that talks to the server has its time limit as a parameter (the journal listing and the report read files only).
    expect(outcome('timeouts').output).to.deep.equal([]);
  });
});

interface RunAnswer { outcome?: string; abandons?: number; errorId?: string; message?: string }

function lastJson(stdout: string): RunAnswer {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RunAnswer;
}

/** A key-lost server with two forests and, if given, a slow command ('Command=DelayMs'), built in a real pwsh. */
async function keyLostServer(path: string, slowCommand?: string): Promise<void> {
  await runPwshFileJson(testScript('New-KeyLostServer.ps1'), ['-Path', path, ...(slowCommand === undefined ? [] : ['-SlowCommand', slowCommand])], { stdin: SECRETS });
}

/** What the simulated server's own audit says. */
async function serverAudit(path: string): Promise<{ abandonCount: number; keyState: string; serviceStatus: string }> {
  return runPwshFileJson(testScript('Get-ServerAudit.ps1'), ['-Path', path]);
}

function recoverIn(data: string, serverPath: string): ReturnType<typeof startPwshFile> {
  return startPwshFile(testScript('Invoke-TestRecovery.ps1'), [], { env: { AADSYNCKEY_SIMULATOR: serverPath, AADSYNCKEY_DATA_DIR: data }, stdin: SECRETS, timeoutMs: 180_000 });
}

describe('recovery safety across processes: the server lock, full and read-only disks (real pwsh, tmpfs as root)', function () {
  this.timeout(600_000);
  let root: string;
  const mounts: string[] = [];
  const mountTmpfs = (path: string, size: string): void => {
    mkdirSync(path, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]);
    mounts.push(path);
  };

  before(() => {
    root = makeTempDir();
  });
  after(() => {
    for (const path of mounts.reverse()) {
      try {
        execFileSync('umount', [path]);
      } catch {
        // Already unmounted.
      }
    }
    removeTempDir(root);
  });

  it('refuses Remove-AADSyncEncryptionKey -Force and a second recovery with another data folder while a recovery runs', async () => {
    const serverPath = join(root, 'busy');
    // The first recovery's Add-ADSyncConnector is held until the second has answered: no race with a delay.
    await keyLostServer(serverPath, 'Add-ADSyncConnector=held');
    const first = recoverIn(join(root, 'busy-data-1'), serverPath);
    let answers: { remove?: string; recover?: string };
    try {
      expect(await waitUntil(() => stepRunning(join(root, 'busy-data-1'), 'connector:contoso.com'), 90_000)).to.equal(true);
      const second = await startPwshFile(testScript('Invoke-WhileRecoveryRuns.ps1'), [], { env: { AADSYNCKEY_SIMULATOR: serverPath, AADSYNCKEY_DATA_DIR: join(root, 'busy-data-2') }, stdin: SECRETS, timeoutMs: 120_000 }).done;
      answers = JSON.parse(second.stdout.trim().split('\n').at(-1) ?? '{}') as { remove?: string; recover?: string };
    } finally {
      await clearSimFaults(serverPath);
    }
    expect(answers).to.deep.equal({ remove: 'RecoveryInProgress', recover: 'RecoveryInProgress' });
    expect(lastJson((await first.done).stdout)).to.include({ outcome: 'Succeeded', abandons: 1 });
    expect(await serverAudit(serverPath)).to.include({ abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
  });

  it('never lets two processes hold the server lock at once, whatever the lock files hold (stress, 8 s)', async () => {
    const programData = join(root, 'stress', 'ProgramData');
    mkdirSync(join(programData, 'AADSyncKey'), { recursive: true });
    // What a crash mid-write leaves: an empty lock file and half a holder record. Neither may count as free or held.
    writeFileSync(join(programData, 'AADSyncKey', 'server.lock'), '');
    writeFileSync(join(programData, 'AADSyncKey', 'server.lock.json'), '{"command": "Invoke-AADSync');
    const marker = join(root, 'stress', 'holder.marker');
    const stress = (): Promise<PwshRun> => startPwshFile(testScript('Invoke-LockStress.ps1'), ['-ProgramData', programData, '-Marker', marker]).done;
    const runs = await Promise.all([stress(), stress()]);
    const counts = runs.map((run) => JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { acquired: number; refused: number; overlaps: number });
    for (const count of counts) {
      expect(count.overlaps, JSON.stringify(counts)).to.equal(0);
      expect(count.acquired, JSON.stringify(counts)).to.be.greaterThan(10);
    }
    expect(counts.reduce((sum, c) => sum + c.refused, 0), 'contention happened').to.be.greaterThan(0);
  });

  it('refuses to start on a nearly full disk, before any change, leaving no temporary file', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const serverPath = join(root, 'full');
    await keyLostServer(serverPath);
    const data = join(root, 'full-data');
    mountTmpfs(data, '64k');
    writeFileSync(join(data, 'filler'), Buffer.alloc(52 * 1024, 1));
    const answer = lastJson((await recoverIn(data, serverPath).done).stdout);
    expect(answer.errorId, JSON.stringify(answer)).to.equal('DataFolderFull');
    expect(answer.message).to.include(data);
    expect(await serverAudit(serverPath)).to.include({ abandonCount: 0, keyState: 'Unreadable' });
    expect(filesNamed(data, /\.tmp$/)).to.deep.equal([]);
  });

  it('stops when the disk fills mid-run, keeps the last complete journal, and the rerun finishes with one abandon', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const serverPath = join(root, 'filling');
    // Held until the disk is full, so the journal's next write surely meets it.
    await keyLostServer(serverPath, 'Add-ADSyncConnector=held');
    const data = join(root, 'filling-data');
    mountTmpfs(data, '512k');
    const first = recoverIn(data, serverPath);
    expect(await waitUntil(() => stepRunning(data, 'connector:contoso.com'), 90_000)).to.equal(true);
    // Fill what is left, byte by byte at the end, so the journal's next write meets a full disk.
    const filler = join(data, 'filler');
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(16 * 1024, 1), { flag: 'a' });
    } catch {
      // ENOSPC: full.
    }
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(512, 1), { flag: 'a' });
    } catch {
      // Full to the last block.
    }
    await clearSimFaults(serverPath);
    const answer = lastJson((await first.done).stdout);
    expect(answer.errorId, JSON.stringify(answer)).to.equal('DataFolderFull');
    expect(answer.message).to.include('journal could not be written');
    const [journalFile] = journalFilesUnder(data);
    expect(journalFile).to.be.a('string');
    // The journal on disk is whole and trusted: it shows the step that was running when the disk filled.
    const kept = readJournal(journalFile ?? '');
    expect(kept.steps.find((s) => s.id === 'connector:contoso.com')?.status).to.equal('Running');
    expect(filesNamed(data, /\.tmp$/)).to.deep.equal([]);
    rmSync(filler);
    const rerun = lastJson((await recoverIn(data, serverPath).done).stdout);
    expect(rerun).to.include({ outcome: 'Succeeded', abandons: 1 });
    expect(await serverAudit(serverPath)).to.include({ abandonCount: 1, keyState: 'Healthy' });
  });

  it('says a read-only data folder is read-only, before any change', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const serverPath = join(root, 'readonly');
    await keyLostServer(serverPath);
    const data = join(root, 'readonly-data');
    mountTmpfs(data, '1m');
    execFileSync('mount', ['-o', 'remount,ro', data]);
    const answer = lastJson((await recoverIn(data, serverPath).done).stdout);
    expect(answer.errorId, JSON.stringify(answer)).to.equal('DataFolderReadOnly');
    expect(await serverAudit(serverPath)).to.include({ abandonCount: 0, keyState: 'Unreadable' });
  });
});
