import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { resultSchema, runScript, type OperationContext } from './run-script.js';

/** What stopping the service showed. */
export interface ServiceStopOutcome {
  readonly stoppedNow: boolean;
  readonly serviceStatus: string;
}

const validate = resultSchema<ServiceStopOutcome>({
  type: 'object', required: ['stoppedNow', 'serviceStatus'], properties: { stoppedNow: { type: 'boolean' }, serviceStatus: { type: 'string' } },
});

/** Stops the ADSync service (Stop-SyncService.ps1) and waits until it reads Stopped; ServiceStopFailed if it does not. */
export async function stopService(context: OperationContext, timeoutSeconds: number): Promise<ServiceStopOutcome> {
  const outcome = await runScript(context, { script: 'Stop-SyncService', arguments: { TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 30) * 1000 }, validate);
  if (outcome.serviceStatus !== 'Stopped') {
    throw new AADSyncKeyError('ServiceStopFailed', `The ADSync service is still ${outcome.serviceStatus} after ${timeoutSeconds} seconds.`, { target: 'ADSync' });
  }
  return outcome;
}
