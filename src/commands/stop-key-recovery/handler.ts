import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { afterAbandon } from '../../diagnosis/after-abandon.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { readAbandonRecord } from '../../operations/abandon-key.js';
import { AUDIT_EVENTS, writeAuditEvent } from '../../operations/audit-event.js';
import { currentUser } from '../../operations/server-lock.js';
import { findJournal, UNFINISHED } from '../../recovery/journal-locator.js';
import { writeJournal } from '../../recovery/journal-store.js';
import { connectorOf } from '../../recovery/plan.js';
import { recoveryFolders } from '../../recovery/recovery-folders.js';
import { serverIdentity } from '../../server/server-identity.js';
import { requireInstalled } from '../../adsync/preconditions.js';
import type { ParametersOf } from '../parameter-values.js';
import type { stopKeyRecoveryDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Stop-AADSyncKeyRecovery: close an unfinished recovery's journal, and say where the server stands. */
export async function stopKeyRecovery(context: CommandContext<ParametersOf<typeof stopKeyRecoveryDefinition>>): Promise<void> {
  const { RecoveryId: recoveryId, JournalPath: journalPath, Reason: reason } = context.parameters;
  const snapshot = await readServerSnapshot(context.session, context.streams, context.parameters.TimeoutSeconds);
  requireInstalled(snapshot);
  const server = serverIdentity(snapshot);
  const { record } = await readAbandonRecord(context, 0);
  const located = findJournal({ recoveryId, journalPath }, recoveryFolders(context.dataFolder).journals, server, record);
  if (located === null) {
    throw new AADSyncKeyError('RecoveryNotFound', `No unfinished recovery of ${server.computerName}${recoveryId === undefined ? '' : ` with the id '${recoveryId}'`} was found${journalPath === undefined ? '' : ` at '${journalPath}'`}; nothing was changed.`, { target: recoveryId ?? journalPath ?? server.computerName });
  }
  const { journal, path } = located;
  if (!UNFINISHED.has(journal.status)) {
    throw new AADSyncKeyError('RecoveryAlreadyEnded', `The recovery ${journal.recoveryId} already ended as ${journal.status}; there is nothing to cancel.`, { target: journal.recoveryId });
  }
  const abandonStep = journal.steps.find((step) => step.kind === 'AbandonKey');
  const keyAbandoned = abandonStep?.status === 'Done';
  const diagnosis = diagnose(snapshot);
  const abandoned = afterAbandon(snapshot);
  // What the server itself shows wins; without its record, the journal's own unfinished steps say what is left.
  const connectorsToDo = abandoned?.connectorsToDo
    ?? (keyAbandoned ? journal.steps.filter((s) => s.kind === 'ConnectorCredential' && s.status !== 'Done').map(connectorOf) : []);
  const aadToDo = abandoned?.azureADAccountToDo
    ?? (keyAbandoned && journal.steps.some((s) => s.kind === 'AADServiceAccount' && s.status !== 'Done' && s.status !== 'Skipped'));
  if (!(await context.shouldProcess(`Recovery ${journal.recoveryId} of ${journal.server.computerName}`, `Cancel the unfinished recovery (${journal.status}): close its journal so that it is not continued`))) return;
  const at = new Date().toISOString();
  journal.status = 'Cancelled';
  journal.endedAt = at;
  journal.updatedAt = at;
  journal.events.push({ at, by: currentUser(), event: `recovery cancelled: ${reason}`, step: null });
  writeJournal(path, journal);
  await writeAuditEvent(context, AUDIT_EVENTS.recoveryCancelled, `Key recovery ${journal.recoveryId} was cancelled (Stop-AADSyncKeyRecovery): ${reason}`);
  if (keyAbandoned) context.streams.warning(`Recovery ${journal.recoveryId} had abandoned the key: ${connectorsToDo.length + (aadToDo ? 1 : 0)} credential(s) still need to be entered again (${diagnosis.recommendedAction})`);
  context.streams.output(OUTPUT_TYPE.RecoveryCancellation, {
    RecoveryId: journal.recoveryId,
    ComputerName: journal.server.computerName,
    Outcome: journal.status,
    CancelledBy: currentUser(),
    CancelledAt: at,
    Reason: reason,
    KeyAbandoned: keyAbandoned,
    ConnectorsStillToDo: connectorsToDo,
    AADServiceAccountStillToDo: aadToDo,
    ServerStatus: diagnosis.status,
    NextStep: diagnosis.recommendedAction,
    JournalPath: path,
  });
}
