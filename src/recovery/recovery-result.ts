import type { RecoveryJournal } from './journal-types.js';
import { OUTPUT_TYPE } from '../core/output-types.js';

/** The AADSyncKey.RecoveryStep objects of a journal. */
export function stepObjects(journal: RecoveryJournal): object[] {
  return journal.steps.map((step, index) => ({
    PSTypeName: OUTPUT_TYPE.RecoveryStep,
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
  const done = journal.steps.filter((step) => step.status === 'Done' || step.status === 'Skipped').length;
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
    StepsDone: done,
    StepCount: journal.steps.length,
    Progress: `${done} of ${journal.steps.length} done`,
    StoppedAt: failed?.id ?? null,
    JournalPath: journalPath,
    Steps: stepObjects(journal),
  };
}

/** Whether a journal was ever resumed (its own record says so; the listing and the result agree on it). */
export function wasResumed(journal: RecoveryJournal): boolean {
  return journal.events.some((event) => event.event === 'recovery resumed');
}

/** An audit line of a journal, as the AADSyncKey.JournalEvent objects show it. */
export function eventObjects(journal: RecoveryJournal): object[] {
  return journal.events.map((e) => ({ PSTypeName: OUTPUT_TYPE.JournalEvent, At: e.at, By: e.by, Event: e.event, Step: e.step }));
}
