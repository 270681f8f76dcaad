import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { AbandonRecord } from '../operations/abandon-key.js';
import { writeFileAtomically } from '../server/atomic-file.js';
import type { ServerIdentity } from '../server/server-identity.js';
import { journalFiles, readJournal, serverJournalFolder } from './journal-store.js';
import type { RecoveryJournal } from './journal-types.js';

/** Statuses of a recovery that may be continued. */
export const UNFINISHED: ReadonlySet<string> = new Set(['Running', 'Failed', 'Stopped']);

/** A journal found to resume, or where a new one goes (`journal` null). */
export interface LocatedJournal {
  readonly path: string;
  readonly journal: RecoveryJournal | null;
  /** How it was found, for the verbose stream. */
  readonly foundBy: string;
}

const POINTER_SUFFIX = '.journal-path';

/**
 * Remembers, in this server's journal folder, a journal kept elsewhere (-JournalPath), so that a rerun without
 * -JournalPath finds it instead of starting a second recovery.
 */
export function rememberJournalPath(journalRoot: string, server: ServerIdentity, recoveryId: string, journalPath: string): void {
  const folder = serverJournalFolder(journalRoot, server);
  if (join(folder, `${recoveryId}.json`) === journalPath) return;
  writeFileAtomically(join(folder, `${recoveryId}${POINTER_SUFFIX}`), `${journalPath}\n`, 'the journal pointer');
}

function pointedJournals(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => name.endsWith(POINTER_SUFFIX)).sort().reverse()
    .map((name) => readFileSync(join(folder, name), 'utf8').trim()).filter((path) => path !== '' && existsSync(path));
}

function unfinishedOf(path: string, server: ServerIdentity): RecoveryJournal | null {
  const journal = readJournal(path);
  return journal.server.id === server.id && UNFINISHED.has(journal.status) ? journal : null;
}

/**
 * The journal to resume: the given file; else this server's newest unfinished one in the journal folder, or
 * one kept elsewhere that the folder points to, or the one the server's abandon record names (a recovery that
 * abandoned this server's key from this machine, whatever data folder it used); else none.
 */
export function locateJournal(journalPath: string | undefined, journalRoot: string, server: ServerIdentity, abandonRecord: AbandonRecord | null): LocatedJournal {
  if (journalPath !== undefined && existsSync(journalPath)) {
    const journal = readJournal(journalPath);
    if (journal.server.id !== server.id) {
      throw new AADSyncKeyError(
        'JournalServerMismatch',
        `The journal '${journalPath}' records a recovery of ${journal.server.computerName} (${journal.server.installLocation}), not of this server, ${server.computerName}; nothing was changed.`,
        { target: journalPath },
      );
    }
    if (!UNFINISHED.has(journal.status)) {
      throw new AADSyncKeyError('InvalidRequest', `The recovery in '${journalPath}' already ${journal.status.toLowerCase()}; give a new -JournalPath to start another.`, { target: journalPath });
    }
    return { path: journalPath, journal, foundBy: '-JournalPath' };
  }
  if (journalPath !== undefined) return { path: journalPath, journal: null, foundBy: '-JournalPath' };
  const folder = serverJournalFolder(journalRoot, server);
  for (const path of journalFiles(folder)) {
    const journal = unfinishedOf(path, server);
    if (journal !== null) return { path, journal, foundBy: 'the journal folder' };
  }
  for (const path of pointedJournals(folder)) {
    const journal = unfinishedOf(path, server);
    if (journal !== null) return { path, journal, foundBy: 'a pointer in the journal folder to a journal kept elsewhere' };
  }
  // A record written by hand or by an older build may lack the journal's path: then it points nowhere.
  const recordedPath = abandonRecord?.journalPath ?? '';
  if (abandonRecord !== null && abandonRecord.coreHost === hostname() && recordedPath !== '' && existsSync(recordedPath)) {
    const journal = unfinishedOf(recordedPath, server);
    if (journal?.recoveryId === abandonRecord.recoveryId) return { path: recordedPath, journal, foundBy: "the server's record of the key's abandon" };
  }
  return { path: '', journal: null, foundBy: '' };
}

/** Which recovery a command names: by id, by journal file, or (neither) this server's newest unfinished one. */
export interface JournalSelector {
  readonly recoveryId?: string | undefined;
  readonly journalPath?: string | undefined;
}

/** The journal a selector names (finished or not), or null when there is none. */
export function findJournal(selector: JournalSelector, journalRoot: string, server: ServerIdentity, abandonRecord: AbandonRecord | null): { path: string; journal: RecoveryJournal } | null {
  if (selector.journalPath !== undefined) {
    if (!existsSync(selector.journalPath)) return null;
    const journal = readJournal(selector.journalPath);
    if (journal.server.id !== server.id) {
      throw new AADSyncKeyError('JournalServerMismatch', `The journal '${selector.journalPath}' records a recovery of ${journal.server.computerName}, not of this server, ${server.computerName}; nothing was changed.`, { target: selector.journalPath });
    }
    return selector.recoveryId === undefined || journal.recoveryId === selector.recoveryId ? { path: selector.journalPath, journal } : null;
  }
  if (selector.recoveryId === undefined) {
    const located = locateJournal(undefined, journalRoot, server, abandonRecord);
    return located.journal === null ? null : { path: located.path, journal: located.journal };
  }
  const folder = serverJournalFolder(journalRoot, server);
  for (const path of [...journalFiles(folder), ...pointedJournals(folder)]) {
    const journal = readJournal(path);
    if (journal.recoveryId === selector.recoveryId && journal.server.id === server.id) return { path, journal };
  }
  return null;
}
