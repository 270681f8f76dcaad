import { existsSync, statSync } from 'node:fs';
import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import { DiagnosisStatus } from '../../diagnosis/diagnosis-status.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { backupKey } from '../../operations/backup-key.js';
import { requireCredential, requireInstalled } from '../../adsync/preconditions.js';
import type { ParametersOf } from '../parameter-values.js';
import type { backupEncryptionKeyDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Backup-AADSyncEncryptionKey: refuse an unreadable key or an existing file, then miiskmu.exe /e. */
export async function backupEncryptionKey(context: CommandContext<ParametersOf<typeof backupEncryptionKeyDefinition>>): Promise<void> {
  const path = context.parameters.Path;
  const account = context.credentials['Credential'] === undefined ? undefined : requireCredential(context, 'Credential', path);
  const snapshot = await readServerSnapshot(context.session, context.streams);
  requireInstalled(snapshot);
  const diagnosis = diagnose(snapshot);
  if (diagnosis.status === DiagnosisStatus.KeyInaccessible) {
    throw new AADSyncKeyError('KeyUnreadable', `The encryption key cannot be read (${diagnosis.summary}), so there is nothing to back up. ${diagnosis.recommendedAction}`, { target: snapshot.computerName });
  }
  if (existsSync(path) && context.parameters.Force !== true) {
    throw new AADSyncKeyError('FileExists', `The file '${path}' exists; nothing was written. Use -Force to replace it, or choose another path.`, { target: path });
  }
  if (!(await context.shouldProcess(path, 'Export the ADSync encryption key set (miiskmu.exe /e)'))) return;
  await backupKey(context, path, account, context.parameters.TimeoutSeconds);
  context.streams.output(OUTPUT_TYPE.KeyBackup, { Path: path, Length: statSync(path).size, ExportedAs: account?.userName ?? null, ComputerName: snapshot.computerName });
}
