import { DiagnosisStatus, type Diagnosis } from '../diagnosis/diagnosis-status.js';
import type { RecoveryJournal } from './journal-types.js';

/** Whether an unfinished journal may be continued on the server as it is now. */
export type ResumeDecision = { readonly resume: true } | { readonly resume: false; readonly reason: string };

/**
 * A journal is resumed only while the server still shows what it was started for, or what its own steps left.
 * Before its abandon is done, that is key loss (or, for a forced recovery, -Force given again): anything else
 * means the server was repaired or has another problem, and abandoning its key would harm it. After its abandon,
 * the key it made is the recovery's own; only a logon failure (a problem no step of it fixes) supersedes it.
 */
export function decideResume(journal: RecoveryJournal, diagnosis: Diagnosis, forceNow: boolean): ResumeDecision {
  const abandon = journal.steps.find((step) => step.kind === 'AbandonKey');
  const abandoned = abandon?.status === 'Done' || abandon?.status === 'Skipped';
  // An abandon cut off mid-step may have happened: the step itself asks the server before it does anything.
  const mayHaveAbandoned = abandon?.status === 'Running' || (abandon !== undefined && abandon.attempts > 0 && abandon.error?.code !== 'KeyAbandonFailed');
  if (diagnosis.status === DiagnosisStatus.ServiceLogonFailure) {
    return { resume: false, reason: `the service now cannot log on as its account (${diagnosis.summary}), which no step of this recovery fixes` };
  }
  if (abandoned || mayHaveAbandoned) return { resume: true };
  if (diagnosis.status === DiagnosisStatus.KeyInaccessible) return { resume: true };
  if (journal.forced && forceNow) return { resume: true };
  return {
    resume: false,
    reason: `the server is ${diagnosis.status} now, not the key loss this recovery was started for (${journal.initialDiagnosis.status}), and its key was not abandoned yet${journal.forced ? ' (it was forced; give -Force again to continue it)' : ''}`,
  };
}
