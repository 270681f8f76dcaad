import { AADSyncKeyError } from '../errors/aadsynckey-error.js';

/** The file-system failures an administrator can fix, each with its own ErrorId. */
const KNOWN: Readonly<Record<string, { code: 'DataFolderFull' | 'DataFolderReadOnly' | 'DataFolderAccessDenied'; says: string }>> = {
  ENOSPC: { code: 'DataFolderFull', says: 'the disk is full' },
  EDQUOT: { code: 'DataFolderFull', says: 'the disk quota is used up' },
  EROFS: { code: 'DataFolderReadOnly', says: 'the file system is read-only' },
  EACCES: { code: 'DataFolderAccessDenied', says: 'access is denied' },
  EPERM: { code: 'DataFolderAccessDenied', says: 'the operation is not permitted' },
};

/** The errno code of a Node file-system error, if it has one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a failed write or mkdir into an ErrorRecord that says where and what (a full disk, a read-only or
 * forbidden folder); other errors pass through unchanged. `what` names the file's purpose, e.g. 'the journal'.
 */
export function fileSystemError(error: unknown, path: string, what: string): unknown {
  const errno = errnoOf(error);
  const known = errno === undefined ? undefined : KNOWN[errno];
  if (known === undefined) return error;
  return new AADSyncKeyError(known.code, `Could not write ${what} at '${path}': ${known.says} (${errno}).`, { target: path, cause: error });
}
