import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

// Start-SyncService.ps1's result. syncCycle Completed: every connector has a new complete run and no run of the
// cycle is still going; Incomplete: the time limit came first (connectorsWithoutRun, runsUnfinished).
const START_RESULT = objectSchema({
  startedNow: { type: 'boolean' }, serviceStatus: { type: 'string' }, exitCode: { type: 'number' }, serviceSpecificExitCode: { type: 'number' },
  startError: { type: ['string', 'null'] }, keyEventsSinceStart: { type: 'integer' }, syncCycle: { enum: ['Skipped', 'Completed', 'Incomplete'] },
  connectors: { type: 'array', items: objectSchema({ name: { type: 'string' }, identifier: { type: 'string' }, type: { type: 'string' }, subtype: { type: 'string' } }) },
  runResults: { type: 'array', items: objectSchema({ connectorName: { type: 'string' }, runProfileName: { type: 'string' }, result: { type: 'string' }, runHistoryId: { type: 'string' } }, ['runHistoryId']) },
  connectorsWithoutRun: { type: 'array', items: { type: 'string' } },
  runsUnfinished: { type: 'integer' },
});

/** What starting the service (and, unless skipped, a delta cycle) showed. */
export type ServiceStartOutcome = ResultOf<typeof START_RESULT>;

const validate = resultSchema(START_RESULT);

/** What the server looked like after a start that failed, as the diagnosis read it. */
export interface StartFailureDiagnosis {
  readonly status: string;
  readonly summary: string;
  readonly recommendedAction: string;
}

/** A start that did not end with the service running and its key readable; the facts are fields, not text. */
export class ServiceStartError extends AADSyncKeyError {
  /** The start's outcome as the server reported it. */
  readonly outcome: ServiceStartOutcome;
  /** Whether the service logged event 6028 (key unreadable) during this start. */
  readonly keyUnreadable: boolean;
  /** The diagnosis made after the failed start. */
  readonly diagnosis: StartFailureDiagnosis;

  constructor(outcome: ServiceStartOutcome, diagnosis: StartFailureDiagnosis) {
    super(
      'ServiceStartFailed',
      `The ADSync service did not start cleanly (status ${outcome.serviceStatus}, exit code ${outcome.exitCode}, new 6028 events: ${outcome.keyEventsSinceStart}). Diagnosis ${diagnosis.status}: ${diagnosis.summary} ${diagnosis.recommendedAction}`,
      { target: 'ADSync' },
    );
    this.name = 'ServiceStartError';
    this.outcome = outcome;
    this.keyUnreadable = outcome.keyEventsSinceStart > 0;
    this.diagnosis = diagnosis;
  }
}

/** Starts the service if needed and reports what happened, without judging it (diagnosis/start-and-diagnose.ts judges). */
export function startService(context: OperationContext, timeoutSeconds: number, skipSyncCycle: boolean): Promise<ServiceStartOutcome> {
  return runScript(
    context,
    { script: 'Start-SyncService', arguments: { TimeoutSeconds: timeoutSeconds, SkipSyncCycle: skipSyncCycle }, timeoutMs: (timeoutSeconds + 30) * 1000 },
    validate,
  );
}

/** Whether a start left the service running with a readable key. */
export function startedCleanly(outcome: ServiceStartOutcome): boolean {
  return outcome.serviceStatus === 'Running' && outcome.keyEventsSinceStart === 0;
}

