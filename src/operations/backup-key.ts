import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

/** What miiskmu says when the key set cannot be read (the simulator's text; see docs/simulator.md). */
const KEY_UNREADABLE_TEXT = /cannot be accessed/i;

// Backup-EncryptionKey.ps1's result; timedOut: miiskmu was still running at the time limit and was ended.
const BACKUP_RESULT = objectSchema({ miiskmuPath: { type: 'string' }, timedOut: { type: 'boolean' }, exitCode: { type: 'integer' }, output: { type: 'string' }, fileExists: { type: 'boolean' } });

/** What miiskmu.exe /e did. */
export type KeyBackup = ResultOf<typeof BACKUP_RESULT>;

const validate = resultSchema(BACKUP_RESULT);

/** Exports the key set to a file with miiskmu.exe /e; the account's password goes to miiskmu's prompt, not its arguments. */
export async function backupKey(context: OperationContext, path: string, account: SecretCredential | undefined, timeoutSeconds: number): Promise<KeyBackup> {
  const outcome = await runScript(
    context,
    // The session's own limit leaves miiskmu's time to end and be reported.
    { script: 'Backup-EncryptionKey', arguments: { Path: path, TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 30) * 1000, ...(account === undefined ? {} : { credentials: { Credential: account } }) },
    validate,
  );
  if (outcome.timedOut) {
    throw new AADSyncKeyError(
      'KeyBackupFailed',
      `miiskmu.exe /e did not finish within ${timeoutSeconds} s and was ended; no backup was made. It may be waiting for the password at a console prompt that cannot be answered here: run "${outcome.miiskmuPath}" /e <file>${account === undefined ? '' : ` /u:${account.userName} *`} in a console on the server and type the password at its prompt.`,
      { target: path },
    );
  }
  // miiskmu's words, read once here at the boundary: callers branch on the code, never on the text.
  if (outcome.exitCode !== 0 && KEY_UNREADABLE_TEXT.test(outcome.output)) {
    throw new AADSyncKeyError('KeyUnreadable', `The encryption key cannot be read, so there is nothing to back up: miiskmu.exe /e said "${outcome.output}".`, { target: path });
  }
  if (outcome.exitCode !== 0 || !outcome.fileExists) {
    throw new AADSyncKeyError('KeyBackupFailed', `miiskmu.exe /e exited ${outcome.exitCode} and ${outcome.fileExists ? 'the file exists' : 'wrote no file'}: "${outcome.output}".`, { target: path });
  }
  return outcome;
}
