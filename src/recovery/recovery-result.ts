import type { RecoveryJournal } from './journal-types.js';

/** The AADSyncKey.RecoveryStep objects of a journal. */
export function stepObjects(journal: RecoveryJournal): object[] {
  return journal.steps.map((step, index) => ({
    Number: index + 1,
    Step: step.id,
    Target: step.target,
    Description: step.description,
    Status: step.status,
    StartedAt: step.startedAt,
    EndedAt: step.endedAt,
    Attempts: step.attempts,
    Verified: step.verified,
    Error: step.error === null ? null : `${step.error.code}: ${step.error.message}`,
  }));
}

/** The AADSyncKey.RecoveryResult (or, under -WhatIf, AADSyncKey.RecoveryPlan) of a journal. */
export function resultObject(journal: RecoveryJournal, journalPath: string | null, resumed: boolean): object {
  const failed = journal.steps.find((step) => step.status === 'Failed' || step.status === 'Declined');
  return {
    RecoveryId: journal.recoveryId,
    ComputerName: journal.server.computerName,
    Outcome: journal.status,
    Resumed: resumed,
    StartedBy: journal.startedBy,
    StartedAt: journal.startedAt,
    EndedAt: journal.endedAt,
    InitialDiagnosis: journal.initialDiagnosis.status,
    ConnectorSource: journal.connectorSource ?? null,
    KeyAbandonCount: journal.keyAbandonCount,
    StepsDone: journal.steps.filter((step) => step.status === 'Done' || step.status === 'Skipped').length,
    StepCount: journal.steps.length,
    StoppedAt: failed?.id ?? null,
    JournalPath: journalPath,
    Steps: stepObjects(journal),
  };
}
