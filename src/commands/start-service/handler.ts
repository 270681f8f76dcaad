import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { forwardSessionRecords } from '../../core/forward-records.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { compileSchema, describeSchemaErrors } from '../../util/validation.js';

interface StartResult {
  startedNow: boolean;
  serviceStatus: string;
  exitCode: number;
  serviceSpecificExitCode: number;
  startError: string | null;
  keyEventsSinceStart: number;
  syncCycle: 'Skipped' | 'Completed';
  runResults: Array<{ connectorName: string; result: string }>;
}

const validateStartResult = compileSchema<StartResult>({
  type: 'object',
  required: ['startedNow', 'serviceStatus', 'exitCode', 'serviceSpecificExitCode', 'startError', 'keyEventsSinceStart', 'syncCycle', 'runResults'],
  properties: {
    startedNow: { type: 'boolean' }, serviceStatus: { type: 'string' }, exitCode: { type: 'number' }, serviceSpecificExitCode: { type: 'number' },
    startError: { type: ['string', 'null'] }, keyEventsSinceStart: { type: 'integer' }, syncCycle: { enum: ['Skipped', 'Completed'] },
    runResults: { type: 'array', items: { type: 'object', required: ['connectorName', 'result'], properties: { connectorName: { type: 'string' }, result: { type: 'string' } } } },
  },
});

/** Start-AADSyncService: start, check for a new 6028, run a delta cycle, report. */
export async function startService(context: CommandContext<{ TimeoutSeconds?: number; SkipSyncCycle?: boolean }>): Promise<void> {
  const skipSync = context.parameters.SkipSyncCycle === true;
  const action = skipSync ? 'Start the service and check its key' : 'Start the service, check its key, and run a delta sync cycle';
  if (!(await context.shouldProcess('Microsoft Azure AD Sync (ADSync)', action))) return;
  const timeoutSeconds = context.parameters.TimeoutSeconds ?? 120;
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Starting the ADSync service', percentComplete: 10 });
  const result = await context.session.invoke({
    script: 'Start-SyncService',
    arguments: { TimeoutSeconds: timeoutSeconds, SkipSyncCycle: skipSync },
    timeoutMs: (timeoutSeconds + 30) * 1000,
  });
  forwardSessionRecords(result.records, context.streams);
  const outcome = result.output[0];
  if (!validateStartResult(outcome)) {
    throw new AADSyncKeyError('ProtocolViolation', `Start-SyncService returned data that did not match its schema: ${describeSchemaErrors(validateStartResult.errors)}`);
  }
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Done', completed: true });
  if (outcome.serviceStatus !== 'Running' || outcome.keyEventsSinceStart > 0) {
    const diagnosis = diagnose(await readServerSnapshot(context.session, context.streams));
    throw new AADSyncKeyError(
      'ServiceStartFailed',
      `The ADSync service did not start cleanly (status ${outcome.serviceStatus}, exit code ${outcome.exitCode}, new 6028 events: ${outcome.keyEventsSinceStart}). Diagnosis ${diagnosis.status}: ${diagnosis.summary} ${diagnosis.recommendedAction}`,
      { target: 'ADSync' },
    );
  }
  const failed = outcome.runResults.filter((run) => run.result !== 'success');
  context.streams.output('AADSyncKey.ServiceVerification', {
    ServiceStatus: outcome.serviceStatus,
    StartedNow: outcome.startedNow,
    KeyEventsSinceStart: outcome.keyEventsSinceStart,
    SyncCycle: outcome.syncCycle,
    Succeeded: outcome.syncCycle === 'Skipped' || failed.length === 0,
    FailedConnectors: failed.map((run) => run.connectorName),
    ConnectorResults: outcome.runResults.map((run) => ({ Connector: run.connectorName, Result: run.result })),
  });
}
