import type { CommandContext } from '../../core/command-context.js';
import { failedRuns, startAndVerify } from '../../operations/start-service.js';

/** Start-AADSyncService: start, check for a new 6028, run a delta cycle, report. */
export async function startService(context: CommandContext<{ TimeoutSeconds?: number; SkipSyncCycle?: boolean }>): Promise<void> {
  const skipSync = context.parameters.SkipSyncCycle === true;
  const action = skipSync ? 'Start the service and check its key' : 'Start the service, check its key, and run a delta sync cycle';
  if (!(await context.shouldProcess('Microsoft Azure AD Sync (ADSync)', action))) return;
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Starting the ADSync service', percentComplete: 10 });
  const outcome = await startAndVerify(context, context.parameters.TimeoutSeconds ?? 120, skipSync);
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Done', completed: true });
  const failed = failedRuns(outcome);
  if (outcome.connectorsWithoutRun.length > 0) {
    context.streams.warning(`The delta cycle produced no new run of ${outcome.connectorsWithoutRun.join(', ')} within the time limit: sync is not proven for them. Run Start-AADSyncService again with a larger -TimeoutSeconds.`);
  }
  context.streams.output('AADSyncKey.ServiceVerification', {
    ServiceStatus: outcome.serviceStatus,
    StartedNow: outcome.startedNow,
    KeyEventsSinceStart: outcome.keyEventsSinceStart,
    SyncCycle: outcome.syncCycle,
    Succeeded: outcome.syncCycle === 'Skipped' || (failed.length === 0 && outcome.connectorsWithoutRun.length === 0),
    FailedConnectors: failed,
    ConnectorsWithoutRun: outcome.connectorsWithoutRun,
    ConnectorResults: outcome.runResults.map((run) => ({ Connector: run.connectorName, Result: run.result })),
  });
}
