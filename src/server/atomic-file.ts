import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoOf, fileSystemError } from './file-system-error.js';

const TEMPORARY_SUFFIX = '.tmp';

// writeSync may write fewer bytes than asked (a full disk can end a write early without an error): loop until all
// are written, so a short write is an ENOSPC instead of a silently cut file.
function writeAll(handle: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(handle, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('no space left on device (short write)'), { code: 'ENOSPC' });
    offset += written;
  }
}

// A folder's own entry must reach the disk too, or a crash after the rename can bring back the old name.
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return; // Windows cannot open a folder for fsync; NTFS journals the rename.
  const handle = openSync(folder, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

// Node's recursive mkdir reports ENOENT for a parent it could not create on a read-only or forbidden file system:
// creating the first missing folder alone gives the real reason.
function realMkdirError(folder: string, error: unknown): unknown {
  if (errnoOf(error) !== 'ENOENT') return error;
  let missing = folder;
  while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
  try {
    mkdirSync(missing);
  } catch (real) {
    return real;
  }
  return error;
}

/** Creates a folder (and its parents), turning a full, read-only or forbidden file system into its ErrorRecord. */
export function ensureFolder(folder: string, what: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fileSystemError(realMkdirError(folder, error), folder, what);
  }
}

/**
 * Writes a file so that a crash or a full disk leaves either the old or the new content, never part of one: the
 * text goes to a temporary file whose every byte is checked as written, which is fsynced, renamed over the target
 * only when complete, and whose folder is fsynced after. A failed write removes its temporary file and throws the
 * file-system error as an ErrorRecord (DataFolderFull, DataFolderReadOnly, DataFolderAccessDenied).
 */
export function writeFileAtomically(path: string, text: string, what = 'a file'): void {
  const folder = dirname(path);
  ensureFolder(folder, what);
  const temporary = `${path}.${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`;
  try {
    const handle = openSync(temporary, 'w', 0o600);
    try {
      writeAll(handle, Buffer.from(text, 'utf8'));
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, path);
    fsyncFolder(folder);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    throw fileSystemError(error, path, what);
  }
}

/**
 * Removes temporary files that a process killed mid-write left beside `path` (older than a minute, so a write
 * in progress in another process is left alone).
 */
export function removeLeftoverTemporaries(path: string, olderThanMs = 60_000): void {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMPORARY_SUFFIX)) continue;
    const file = join(folder, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > olderThanMs) unlinkSync(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
