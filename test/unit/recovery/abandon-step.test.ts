import { expect } from 'chai';
import type { StreamSink } from '../../../src/core/command-context.js';
import { AADSyncKeyError } from '../../../src/errors/aadsynckey-error.js';
import type { JournalStep } from '../../../src/recovery/journal-types.js';
import { buildPlan } from '../../../src/recovery/plan.js';
import { readRecoveryInput } from '../../../src/recovery/recovery-input.js';
import { runStep, type StepEnvironment, type StepOutcome } from '../../../src/recovery/step-runner.js';
import type { PowerShellSessionLike, SessionInvocation } from '../../../src/session/session-types.js';

// The abandon step over a fake session that answers each session script as a server in that state would: miiskmu
// /a (Remove-EncryptionKey) runs at most once per key. A retry asks the server first (its abandon record, then the
// service's next start), and only a key shown to be still there is abandoned again.

const RECOVERY_ID = '20261207T010203Z-abcdef';

type Record = { state: 'InFlight' | 'Done' | 'Failed' | 'TimedOut'; recoveryId: string; startedAt: string; miiskmuPid: number | null; endedAt: string | null };

interface ServerAnswers {
  /** The abandon record Get-KeyAbandonRecord finds, and whether its miiskmu still runs. */
  readonly record?: Record | null;
  readonly stillRunning?: boolean;
  /** Remove-EncryptionKey: ran /a (exit 0), or found another /a running and waited for it (ran false). */
  readonly removeRuns?: readonly ('ran' | 'waitedForEarlier')[];
  /** Start-SyncService: the service starts with a new key (clean) or logs 6028 again (old key still there). */
  readonly start?: 'clean' | 'keyStillLost';
}

function fakeServer(answers: ServerAnswers): { session: PowerShellSessionLike; calls: string[] } {
  const calls: string[] = [];
  let removeCall = 0;
  const answer = (invocation: SessionInvocation): unknown => {
    switch (invocation.script) {
      case 'Get-KeyAbandonRecord': return { record: answers.record ?? null, stillRunning: answers.stillRunning ?? false };
      case 'Remove-EncryptionKey': {
        const kind = answers.removeRuns?.[removeCall++] ?? 'ran';
        const earlier = kind === 'waitedForEarlier' ? { state: 'InFlight', recoveryId: 'other', startedAt: '2026-12-07T01:00:00Z', miiskmuPid: 42, endedAt: null } : null;
        return { ran: kind === 'ran', stoppedNow: false, serviceStatus: 'Stopped', miiskmuPath: 'C:\\Bin\\miiskmu.exe', exitCode: kind === 'ran' ? 0 : null, output: kind === 'ran' ? 'abandoned' : '', timedOut: false, earlier, earlierStillRunning: false, cycleRunning: false };
      }
      case 'Start-SyncService': {
        const clean = answers.start !== 'keyStillLost';
        return { startedNow: true, serviceStatus: clean ? 'Running' : 'Stopped', exitCode: clean ? 0 : 1066, serviceSpecificExitCode: clean ? 0 : -2145185792, startError: null, keyEventsSinceStart: clean ? 0 : 1, syncCycle: 'Skipped', connectors: [], runResults: [], connectorsWithoutRun: [], runsUnfinished: 0 };
      }
      case 'Write-AuditEvent': return { written: true, reason: null };
      default: throw new Error(`the fake server has no answer for ${invocation.script}`);
    }
  };
  return {
    calls,
    session: {
      invoke: (invocation) => {
        calls.push(invocation.script);
        return Promise.resolve({ output: [answer(invocation)], records: [] });
      },
      dispose: () => Promise.resolve(),
    },
  };
}

const streams: StreamSink = { output: () => undefined, verbose: () => undefined, warning: () => undefined, error: () => undefined, progress: () => undefined };

function abandonStep(attempts: number): JournalStep {
  const step = buildPlan(['contoso.com'], readRecoveryInput({ parameters: {}, credentials: {} })).find((s) => s.kind === 'AbandonKey');
  if (step === undefined) throw new Error('the plan has no abandon step');
  return { ...step, status: 'Running', attempts };
}

async function runAbandon(attempts: number, previousError: string | null, answers: ServerAnswers): Promise<{ outcome: StepOutcome | AADSyncKeyError; calls: string[] }> {
  const { session, calls } = fakeServer(answers);
  const step = abandonStep(attempts);
  const env: StepEnvironment = {
    context: { session, streams },
    input: readRecoveryInput({ parameters: {}, credentials: {} }),
    journal: { recoveryId: RECOVERY_ID, steps: [step] },
    journalPath: '/journals/j.json',
    timeoutSeconds: 30,
    previousError: previousError === null ? null : { code: previousError, message: 'earlier attempt' },
  };
  try {
    return { outcome: await runStep(env, step), calls };
  } catch (error) {
    if (error instanceof AADSyncKeyError) return { outcome: error, calls };
    throw error;
  }
}

const ours = (state: Record['state']): Record => ({ state, recoveryId: RECOVERY_ID, startedAt: '2026-12-07T01:02:10Z', miiskmuPid: 4711, endedAt: state === 'InFlight' ? null : '2026-12-07T01:02:12Z' });

interface Case {
  readonly name: string;
  readonly attempts: number;
  readonly previousError?: string;
  readonly answers: ServerAnswers;
  /** How many times miiskmu /a is run; the error expected instead of an outcome, if any. */
  readonly abandons: number;
  readonly errorCode?: string;
  /** Whether the step counts an abandon in the journal. */
  readonly counts?: boolean;
  /** How many times the step starts the service to learn what an earlier /a did. */
  readonly starts?: number;
}

const CASES: readonly Case[] = [
  { name: 'first attempt', attempts: 1, answers: {}, abandons: 1, counts: true, starts: 0 },
  { name: 'retry after a cut-off: the record says this recovery\'s /a exited 0', attempts: 2, answers: { record: ours('Done') }, abandons: 0, counts: true, starts: 0 },
  { name: 'retry: this recovery\'s /a still runs after the wait', attempts: 2, answers: { record: ours('InFlight'), stillRunning: true }, abandons: 0, errorCode: 'KeyAbandonInFlight' },
  { name: 'retry: the record is unfinished and the next start makes a new key', attempts: 2, answers: { record: ours('InFlight'), start: 'clean' }, abandons: 0, counts: true, starts: 1 },
  { name: 'retry: the record is unfinished and the key is still lost at the next start', attempts: 2, answers: { record: ours('InFlight'), start: 'keyStillLost' }, abandons: 1, counts: true, starts: 1 },
  { name: 'retry: a /a that timed out, and the next start makes a new key', attempts: 2, answers: { record: ours('TimedOut'), start: 'clean' }, abandons: 0, counts: true, starts: 1 },
  { name: 'retry: the record says this recovery\'s /a failed', attempts: 2, answers: { record: ours('Failed') }, abandons: 1, counts: true, starts: 0 },
  { name: 'retry: no record on the server', attempts: 2, answers: { record: null }, abandons: 1, counts: true },
  { name: 'retry after KeyAbandonNotEffective: the server never saw the first', attempts: 2, previousError: 'KeyAbandonNotEffective', answers: { record: ours('Done') }, abandons: 1, counts: true, starts: 0 },
  { name: 'retry after NewKeyLost: the new key is lost too', attempts: 3, previousError: 'NewKeyLost', answers: { record: ours('Done') }, abandons: 1, counts: true, starts: 0 },
  { name: 'another /a was running and ended; the next start makes a new key', attempts: 1, answers: { removeRuns: ['waitedForEarlier'], start: 'clean' }, abandons: 0, counts: true, starts: 1 },
  { name: 'another /a was running and ended; the key is still lost', attempts: 1, answers: { removeRuns: ['waitedForEarlier', 'ran'], start: 'keyStillLost' }, abandons: 1, counts: true, starts: 1 },
];

describe('the abandon step runs miiskmu /a at most once per key (fake server)', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${testCase.errorCode ?? `${testCase.abandons} abandon(s)`}`, async () => {
      const { outcome, calls } = await runAbandon(testCase.attempts, testCase.previousError ?? null, testCase.answers);
      // Remove-EncryptionKey is asked once per call; it runs /a only when it answers ran.
      const ranAbandons = calls.filter((c) => c === 'Remove-EncryptionKey').length - (testCase.answers.removeRuns?.filter((r) => r === 'waitedForEarlier').length ?? 0);
      expect(ranAbandons, calls.join(', ')).to.equal(testCase.abandons);
      if (testCase.starts !== undefined) expect(calls.filter((c) => c === 'Start-SyncService').length, calls.join(', ')).to.equal(testCase.starts);
      if (testCase.errorCode !== undefined) {
        expect(outcome).to.be.instanceOf(AADSyncKeyError);
        expect((outcome as AADSyncKeyError).code).to.equal(testCase.errorCode);
        return;
      }
      expect(outcome).to.not.be.instanceOf(AADSyncKeyError);
      const step = outcome as StepOutcome;
      expect(step.status).to.equal('Done');
      expect(step.changes?.abandonCountDelta ?? 0).to.equal(testCase.counts === true ? 1 : 0);
      // The record is read only on a retry that no earlier error settles.
      expect(calls.includes('Get-KeyAbandonRecord')).to.equal(testCase.attempts > 1 && testCase.previousError === undefined);
    });
  }
});
