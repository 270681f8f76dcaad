import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import { DiagnosisStatus } from '../../diagnosis/diagnosis-status.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { abandonKey } from '../../operations/abandon-key.js';
import { connectorInventory } from '../../server/connector-inventory.js';
import { requireInstalled } from '../../adsync/preconditions.js';
import type { ParametersOf } from '../parameter-values.js';
import type { removeEncryptionKeyDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Remove-AADSyncEncryptionKey: refuse a readable key unless forced, stop the service, abandon, read back. */
export async function removeEncryptionKey(context: CommandContext<ParametersOf<typeof removeEncryptionKeyDefinition>>): Promise<void> {
  const snapshot = await readServerSnapshot(context.session, context.streams);
  requireInstalled(snapshot);
  const diagnosis = diagnose(snapshot);
  if (diagnosis.status !== DiagnosisStatus.KeyInaccessible && context.parameters.Force !== true) {
    throw new AADSyncKeyError(
      'KeyNotLost',
      `The diagnosis is ${diagnosis.status}, not key loss: ${diagnosis.summary} Abandoning the key would make every stored credential unreadable. ${diagnosis.recommendedAction} Use -Force to abandon it anyway.`,
      { target: snapshot.computerName },
    );
  }
  // Remembered now, while the service may still run: afterwards nothing can list the connectors until a new key exists.
  const inventory = connectorInventory(context.dataFolder, snapshot);
  const action = 'Stop the ADSync service and abandon the encryption key (miiskmu.exe /a); every stored credential becomes unreadable';
  if (!(await context.shouldProcess(`ADSync encryption key on ${snapshot.computerName}`, action))) return;
  if (snapshot.service?.status !== 'Stopped') context.streams.warning('Stopping the ADSync service: miiskmu.exe /a cannot abandon the key while it runs.');
  context.streams.progress({ activity: 'Remove-AADSyncEncryptionKey', status: 'Stopping the service and abandoning the key', percentComplete: 20 });
  const outcome = await abandonKey(context, context.parameters.TimeoutSeconds);
  if (!outcome.ran) {
    throw new AADSyncKeyError(
      'KeyAbandonInFlight',
      `An earlier miiskmu.exe /a (started at ${String(outcome.earlier?.startedAt)}, process ${String(outcome.earlier?.miiskmuPid)}) was still running and has ended while this waited; the key was not abandoned a second time. Start-AADSyncService -SkipSyncCycle shows whether it was abandoned (a clean start makes a new key).`,
      { target: 'miiskmu.exe' },
    );
  }
  context.streams.progress({ activity: 'Remove-AADSyncEncryptionKey', status: 'Done', completed: true });
  context.streams.output(OUTPUT_TYPE.KeyRemoval, {
    ComputerName: snapshot.computerName,
    ServiceStoppedNow: outcome.stoppedNow,
    KeyAbandoned: true,
    CredentialsReadable: false,
    KeyCheck: `miiskmu.exe /a exited ${String(outcome.exitCode)}: ${outcome.output} (the next start of the service proves it: it makes a new key)`,
    ConnectorsToReenter: inventory === null ? null : inventory.connectors.filter((c) => c.type === 'AD').map((c) => c.name),
    NextStep: 'Start-AADSyncService -SkipSyncCycle; then Set-AADSyncConnectorCredential for each AD connector and Reset-AADSyncAADServiceAccount; then Start-AADSyncService.',
  });
}
