import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';
import { resultSchema, runScript, type OperationContext } from './run-script.js';

/** What miiskmu.exe /e did. */
export interface KeyBackup {
  readonly miiskmuPath: string;
  readonly exitCode: number;
  readonly output: string;
  readonly fileExists: boolean;
}

const validate = resultSchema<KeyBackup>({
  type: 'object',
  required: ['miiskmuPath', 'exitCode', 'output', 'fileExists'],
  properties: { miiskmuPath: { type: 'string' }, exitCode: { type: 'integer' }, output: { type: 'string' }, fileExists: { type: 'boolean' } },
});

/** Exports the key set to a file with miiskmu.exe /e; the account's password goes to miiskmu's prompt, not its arguments. */
export async function backupKey(context: OperationContext, path: string, account: SecretCredential | undefined): Promise<KeyBackup> {
  const outcome = await runScript(context, { script: 'Backup-EncryptionKey', arguments: { Path: path }, ...(account === undefined ? {} : { credentials: { Credential: account } }) }, validate);
  if (outcome.exitCode !== 0 || !outcome.fileExists) {
    throw new AADSyncKeyError('KeyBackupFailed', `miiskmu.exe /e exited ${outcome.exitCode} and ${outcome.fileExists ? 'the file exists' : 'wrote no file'}: "${outcome.output}".`, { target: path });
  }
  return outcome;
}
