import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

const STOP_RESULT = objectSchema({ stoppedNow: { type: 'boolean' }, serviceStatus: { type: 'string' } });

/** What stopping the service showed (Stop-SyncService.ps1's result). */
export type ServiceStopOutcome = ResultOf<typeof STOP_RESULT>;

const validate = resultSchema(STOP_RESULT);

/** Stops the ADSync service (Stop-SyncService.ps1) and waits until it reads Stopped; ServiceStopFailed if it does not. */
export async function stopService(context: OperationContext, timeoutSeconds: number): Promise<ServiceStopOutcome> {
  const outcome = await runScript(context, { script: 'Stop-SyncService', arguments: { TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 30) * 1000 }, validate);
  if (outcome.serviceStatus !== 'Stopped') {
    throw new AADSyncKeyError('ServiceStopFailed', `The ADSync service is still ${outcome.serviceStatus} after ${timeoutSeconds} seconds.`, { target: 'ADSync' });
  }
  return outcome;
}
