import { existsSync } from 'node:fs';
import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { UNFINISHED } from '../../recovery/journal-locator.js';
import { journalFilesUnder, readJournal } from '../../recovery/journal-store.js';
import { recoveryFolders } from '../../recovery/recovery-folders.js';
import { eventObjects, resultObject, wasResumed } from '../../recovery/recovery-result.js';
import type { ParametersOf } from '../parameter-values.js';
import type { getRecoveryJournalDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Get-AADSyncKeyRecoveryJournal: every readable journal, newest first, filtered. */
export async function getRecoveryJournal(context: CommandContext<ParametersOf<typeof getRecoveryJournalDefinition>>): Promise<void> {
  const { RecoveryId: recoveryId, Unfinished: unfinished, JournalPath: journalPath } = context.parameters;
  if (journalPath !== undefined && !existsSync(journalPath)) {
    throw new AADSyncKeyError('InvalidRequest', `No journal file or folder at '${journalPath}'.`, { target: journalPath });
  }
  const journals = [];
  for (const path of journalFilesUnder(journalPath ?? recoveryFolders(context.dataFolder).journals)) {
    try {
      journals.push({ path, journal: readJournal(path) });
    } catch (error) {
      context.streams.warning(error instanceof Error ? error.message : String(error));
    }
  }
  journals.sort((a, b) => b.journal.startedAt.localeCompare(a.journal.startedAt));
  if (recoveryId !== undefined && !journals.some(({ journal }) => journal.recoveryId === recoveryId)) {
    context.streams.error(new AADSyncKeyError('RecoveryNotFound', `No recovery journal has the id '${recoveryId}'${journalPath === undefined ? '' : ` under '${journalPath}'`}.`, { target: recoveryId }));
  }
  for (const { path, journal } of journals) {
    if (recoveryId !== undefined && journal.recoveryId !== recoveryId) continue;
    if (unfinished === true && !UNFINISHED.has(journal.status)) continue;
    context.streams.output(OUTPUT_TYPE.RecoveryJournal, { ...resultObject(journal, path, wasResumed(journal)), Events: eventObjects(journal) });
  }
  await Promise.resolve();
}
