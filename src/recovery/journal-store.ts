import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { removeLeftoverTemporaries, writeFileAtomically } from '../server/atomic-file.js';
import type { ServerIdentity } from '../server/server-identity.js';
import { describeSchemaErrors } from '../util/validation.js';
import { journalMeaningProblem } from './journal-meaning.js';
import { validateJournal } from './journal-schema.js';
import { upgradeJournalNames } from './journal-upgrade.js';
import type { RecoveryJournal } from './journal-types.js';

/** The folder of one server's journals under a journal root. */
export function serverJournalFolder(journalRoot: string, server: ServerIdentity): string {
  return join(journalRoot, server.id);
}

/** A new recovery id: sortable by time, unique enough for one server. */
export function newRecoveryId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** Reads and validates one journal file; a file that is not a valid journal is JournalCorrupt. */
export function readJournal(path: string): RecoveryJournal {
  let parsed: unknown;
  try {
    parsed = upgradeJournalNames(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new AADSyncKeyError('JournalCorrupt', `The recovery journal '${path}' cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`, { target: path, cause: error });
  }
  if (!validateJournal(parsed)) {
    throw new AADSyncKeyError('JournalCorrupt', `The recovery journal '${path}' is not a valid journal: ${describeSchemaErrors(validateJournal.errors)}.`, { target: path });
  }
  const problem = journalMeaningProblem(parsed);
  if (problem !== null) {
    throw new AADSyncKeyError('JournalCorrupt', `The recovery journal '${path}' is not a plan this module makes: ${problem}. It was not trusted, and nothing was changed.`, { target: path });
  }
  return parsed;
}

/**
 * Writes a journal atomically: a crash or a full disk mid-write leaves the previous complete version, and a
 * failure is an ErrorRecord (DataFolderFull, DataFolderReadOnly, DataFolderAccessDenied) that stops the recovery.
 */
export function writeJournal(path: string, journal: RecoveryJournal): void {
  if (!validateJournal(journal)) {
    throw new AADSyncKeyError('InternalError', `Refusing to write an invalid journal: ${describeSchemaErrors(validateJournal.errors)}`);
  }
  removeLeftoverTemporaries(path);
  writeFileAtomically(path, `${JSON.stringify(journal, null, 2)}\n`, 'the recovery journal');
}

/** The journal files in a folder, newest first (ids sort by time). */
export function journalFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => name.endsWith('.json')).sort().reverse().map((name) => join(folder, name));
}

/** The journal files under a path: the file itself, or a server folder's journals, or a journal root's (one folder per server). */
export function journalFilesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  const nested = readdirSync(path).map((name) => join(path, name)).filter((child) => statSync(child).isDirectory()).flatMap(journalFiles);
  return [...journalFiles(path), ...nested];
}
