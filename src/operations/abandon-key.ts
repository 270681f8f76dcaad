import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { resultSchema, runScript, type OperationContext } from './run-script.js';

/** What stopping the service and abandoning the key did, as read back from the server. */
export interface KeyAbandonment {
  readonly stoppedNow: boolean;
  readonly serviceStatus: string;
  readonly miiskmuPath: string | null;
  readonly abandonExitCode: number | null;
  readonly abandonOutput: string;
  readonly checkExitCode: number | null;
  readonly checkOutput: string;
}

const validate = resultSchema<KeyAbandonment>({
  type: 'object',
  required: ['stoppedNow', 'serviceStatus', 'miiskmuPath', 'abandonExitCode', 'abandonOutput', 'checkExitCode', 'checkOutput'],
  properties: {
    stoppedNow: { type: 'boolean' }, serviceStatus: { type: 'string' }, miiskmuPath: { type: ['string', 'null'] },
    abandonExitCode: { type: ['integer', 'null'] }, abandonOutput: { type: 'string' }, checkExitCode: { type: ['integer', 'null'] }, checkOutput: { type: 'string' },
  },
});

/** The text miiskmu prints when the service still runs. */
const SERVICE_RUNNING_CODE = '80131600';

/**
 * Stops the service and abandons the key with miiskmu.exe /a, then proves it with miiskmu.exe /c: miiskmu's exit
 * codes are not documented, so success is the key set no longer reading as valid.
 */
export async function abandonKey(context: OperationContext, timeoutSeconds: number): Promise<KeyAbandonment> {
  const outcome = await runScript(context, { script: 'Remove-EncryptionKey', arguments: { TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 60) * 1000 }, validate);
  if (outcome.serviceStatus !== 'Stopped' || outcome.abandonOutput.includes(SERVICE_RUNNING_CODE)) {
    throw new AADSyncKeyError('ServiceStopFailed', `The ADSync service is ${outcome.serviceStatus}, so the key was not abandoned. ${outcome.abandonOutput}`.trim(), { target: 'ADSync' });
  }
  if (outcome.abandonExitCode !== 0 || outcome.checkExitCode === 0) {
    throw new AADSyncKeyError(
      'KeyAbandonFailed',
      `miiskmu.exe /a exited ${String(outcome.abandonExitCode)} ("${outcome.abandonOutput}"), and miiskmu.exe /c then said: "${outcome.checkOutput}".`,
      { target: outcome.miiskmuPath ?? 'miiskmu.exe' },
    );
  }
  return outcome;
}
