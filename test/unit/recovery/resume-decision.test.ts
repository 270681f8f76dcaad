import { expect } from 'chai';
import { DiagnosisStatus, type Diagnosis } from '../../../src/diagnosis/diagnosis-status.js';
import type { JournalStep, RecoveryJournal } from '../../../src/recovery/journal-types.js';
import { buildPlan } from '../../../src/recovery/plan.js';
import { readRecoveryInput } from '../../../src/recovery/recovery-input.js';
import { decideResume } from '../../../src/recovery/resume-decision.js';

// The rule that keeps a key from being abandoned twice, or a repaired server from being harmed: an unfinished
// journal is resumed only while the server still shows what it was started for, or what its own abandon left.

type AbandonState = Pick<JournalStep, 'status' | 'attempts' | 'error'>;

function journalWith(abandon: AbandonState, forced = false): RecoveryJournal {
  const steps = buildPlan(['contoso.com'], readRecoveryInput({ parameters: {}, credentials: {} }));
  for (const step of steps) {
    if (step.kind === 'StopService') Object.assign(step, { status: 'Done', attempts: 1 });
    if (step.kind === 'AbandonKey') Object.assign(step, abandon);
  }
  return {
    format: 'AADSyncKey.RecoveryJournal/1', recoveryId: '20261207T010203Z-abcdef',
    server: { computerName: 'AADC01', installLocation: 'C:\\Program Files\\Microsoft Azure AD Sync', id: 'AADC01-0123456789' },
    startedBy: 'admin', startedAt: '2026-12-07T01:02:03.000Z', updatedAt: '2026-12-07T01:02:03.000Z', endedAt: null, status: 'Failed',
    initialDiagnosis: { status: forced ? 'Healthy' : 'KeyInaccessible', summary: 'as started' }, forced, keyAbandonCount: abandon.status === 'Done' ? 1 : 0,
    steps, events: [],
  };
}

function diagnosisOf(status: DiagnosisStatus): Diagnosis {
  return { status, summary: `the server is ${status}`, recommendedAction: '', abandonKeyRunbookApplies: false, buildGuidance: '', evidence: [], affectedConnectors: [] };
}

const NOT_STARTED: AbandonState = { status: 'Pending', attempts: 0, error: null };
const RUNNING: AbandonState = { status: 'Running', attempts: 1, error: null };
const DONE: AbandonState = { status: 'Done', attempts: 1, error: null };
const FAILED_BEFORE_ACTING: AbandonState = { status: 'Failed', attempts: 1, error: { code: 'KeyAbandonFailed', message: 'miiskmu.exe /a exited 7' } };
const FAILED_UNCLEAR: AbandonState = { status: 'Failed', attempts: 1, error: { code: 'PowerShellSessionLost', message: 'the session ended' } };

interface Case {
  readonly name: string;
  readonly abandon: AbandonState;
  readonly now: DiagnosisStatus;
  readonly forced?: boolean;
  readonly forceNow?: boolean;
  readonly resume: boolean;
  readonly reasonSays?: RegExp;
}

const CASES: readonly Case[] = [
  // Before the abandon: only the key loss it was started for (or -Force again for a forced one) continues it.
  { name: 'not yet abandoned, key still lost', abandon: NOT_STARTED, now: DiagnosisStatus.KeyInaccessible, resume: true },
  { name: 'not yet abandoned, server repaired meanwhile', abandon: NOT_STARTED, now: DiagnosisStatus.Healthy, resume: false, reasonSays: /Healthy now, not the key loss .* not abandoned yet/ },
  { name: 'not yet abandoned, service merely stopped', abandon: NOT_STARTED, now: DiagnosisStatus.ServiceStopped, resume: false, reasonSays: /ServiceStopped now/ },
  { name: 'abandon failed before it acted, key still lost', abandon: FAILED_BEFORE_ACTING, now: DiagnosisStatus.KeyInaccessible, resume: true },
  { name: 'abandon failed before it acted, server repaired', abandon: FAILED_BEFORE_ACTING, now: DiagnosisStatus.Healthy, resume: false },
  { name: 'forced, -Force given again', abandon: NOT_STARTED, now: DiagnosisStatus.Healthy, forced: true, forceNow: true, resume: true },
  { name: 'forced, -Force not given again', abandon: NOT_STARTED, now: DiagnosisStatus.Healthy, forced: true, forceNow: false, resume: false, reasonSays: /give -Force again/ },
  // After the abandon (or when it may have happened): the new key is the recovery's own, so it always continues...
  { name: 'abandoned, new key made, credentials not re-entered', abandon: DONE, now: DiagnosisStatus.CredentialsNotReentered, resume: true },
  { name: 'abandoned, server looks healthy', abandon: DONE, now: DiagnosisStatus.Healthy, resume: true },
  { name: 'abandoned, service stopped', abandon: DONE, now: DiagnosisStatus.ServiceStopped, resume: true },
  { name: 'cut off inside the abandon, server looks healthy', abandon: RUNNING, now: DiagnosisStatus.Healthy, resume: true },
  { name: 'abandon ended unclear (session lost), server looks healthy', abandon: FAILED_UNCLEAR, now: DiagnosisStatus.Healthy, resume: true },
  // ...except a logon failure, which no step of it fixes, whatever its abandon did.
  { name: 'abandoned, then the service cannot log on', abandon: DONE, now: DiagnosisStatus.ServiceLogonFailure, resume: false, reasonSays: /cannot log on/ },
  { name: 'not yet abandoned, the service cannot log on', abandon: NOT_STARTED, now: DiagnosisStatus.ServiceLogonFailure, resume: false, reasonSays: /cannot log on/ },
];

describe('resume decision: when an unfinished recovery may go on', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${testCase.resume ? 'resumes' : 'is superseded'}`, () => {
      const decision = decideResume(journalWith(testCase.abandon, testCase.forced), diagnosisOf(testCase.now), testCase.forceNow ?? false);
      expect(decision.resume).to.equal(testCase.resume);
      if (!decision.resume && testCase.reasonSays !== undefined) expect(decision.reason).to.match(testCase.reasonSays);
    });
  }
});
