import { readServerSnapshot } from '../adsync/server-snapshot.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { resultSchema, runScript, type OperationContext } from './run-script.js';

/** What starting the service (and, unless skipped, a delta cycle) showed. */
export interface ServiceStartOutcome {
  readonly startedNow: boolean;
  readonly serviceStatus: string;
  readonly exitCode: number;
  readonly serviceSpecificExitCode: number;
  readonly startError: string | null;
  readonly keyEventsSinceStart: number;
  readonly syncCycle: 'Skipped' | 'Completed';
  readonly runResults: ReadonlyArray<{ readonly connectorName: string; readonly result: string }>;
}

const validate = resultSchema<ServiceStartOutcome>({
  type: 'object',
  required: ['startedNow', 'serviceStatus', 'exitCode', 'serviceSpecificExitCode', 'startError', 'keyEventsSinceStart', 'syncCycle', 'runResults'],
  properties: {
    startedNow: { type: 'boolean' }, serviceStatus: { type: 'string' }, exitCode: { type: 'number' }, serviceSpecificExitCode: { type: 'number' },
    startError: { type: ['string', 'null'] }, keyEventsSinceStart: { type: 'integer' }, syncCycle: { enum: ['Skipped', 'Completed'] },
    runResults: { type: 'array', items: { type: 'object', required: ['connectorName', 'result'], properties: { connectorName: { type: 'string' }, result: { type: 'string' } } } },
  },
});

/**
 * Starts the service if needed, checks no new 6028 was logged, and unless told not to runs a delta cycle.
 * A start that fails is a ServiceStartFailed error carrying a fresh diagnosis (key, logon, or other).
 */
export async function startAndVerify(context: OperationContext, timeoutSeconds: number, skipSyncCycle: boolean): Promise<ServiceStartOutcome> {
  const outcome = await runScript(
    context,
    { script: 'Start-SyncService', arguments: { TimeoutSeconds: timeoutSeconds, SkipSyncCycle: skipSyncCycle }, timeoutMs: (timeoutSeconds + 30) * 1000 },
    validate,
  );
  if (outcome.serviceStatus !== 'Running' || outcome.keyEventsSinceStart > 0) {
    const diagnosis = diagnose(await readServerSnapshot(context.session, context.streams));
    throw new AADSyncKeyError(
      'ServiceStartFailed',
      `The ADSync service did not start cleanly (status ${outcome.serviceStatus}, exit code ${outcome.exitCode}, new 6028 events: ${outcome.keyEventsSinceStart}). Diagnosis ${diagnosis.status}: ${diagnosis.summary} ${diagnosis.recommendedAction}`,
      { target: 'ADSync' },
    );
  }
  return outcome;
}

/** The connectors whose run in the cycle did not succeed. */
export function failedRuns(outcome: ServiceStartOutcome): string[] {
  return outcome.runResults.filter((run) => run.result !== 'success').map((run) => run.connectorName);
}
