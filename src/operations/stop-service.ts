import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

// cycleRunning: a sync cycle was still running at the time limit, so the service was not stopped.
const STOP_RESULT = objectSchema({ stoppedNow: { type: 'boolean' }, serviceStatus: { type: 'string' }, cycleRunning: { type: 'boolean' }, waitedSeconds: { type: 'integer' } });

/** What stopping the service showed (Stop-SyncService.ps1's result). */
export type ServiceStopOutcome = ResultOf<typeof STOP_RESULT>;

const validate = resultSchema(STOP_RESULT);

/** Stops the ADSync service (Stop-SyncService.ps1) and waits until it reads Stopped; ServiceStopFailed if it does not. */
export async function stopService(context: OperationContext, timeoutSeconds: number): Promise<ServiceStopOutcome> {
  const outcome = await runScript(context, { script: 'Stop-SyncService', arguments: { TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 30) * 1000 }, validate);
  if (outcome.cycleRunning) {
    throw new AADSyncKeyError('ServiceStopFailed', `A sync cycle was still running after ${outcome.waitedSeconds} seconds, so the ADSync service was not stopped: Microsoft's runbook says to wait until it completes. Nothing was changed. Run the command again when the cycle has ended (Get-ADSyncScheduler shows SyncCycleInProgress), or with a larger -TimeoutSeconds.`, { target: 'ADSync' });
  }
  if (outcome.serviceStatus !== 'Stopped') {
    throw new AADSyncKeyError('ServiceStopFailed', `The ADSync service is still ${outcome.serviceStatus} after ${timeoutSeconds} seconds.`, { target: 'ADSync' });
  }
  return outcome;
}
