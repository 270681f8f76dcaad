import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { startAndVerify } from '../../diagnosis/start-and-diagnose.js';
import { failedRuns } from '../../operations/start-service.js';
import type { ParametersOf } from '../parameter-values.js';
import type { startServiceDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Start-AADSyncService: start, check for a new 6028, run a delta cycle, report. */
export async function startService(context: CommandContext<ParametersOf<typeof startServiceDefinition>>): Promise<void> {
  const skipSync = context.parameters.SkipSyncCycle === true;
  const action = skipSync ? 'Start the service and check its key' : 'Start the service, check its key, and run a delta sync cycle';
  if (!(await context.shouldProcess('Microsoft Azure AD Sync (ADSync)', action))) return;
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Starting the ADSync service', percentComplete: 10 });
  const outcome = await startAndVerify(context, context.parameters.TimeoutSeconds, skipSync);
  context.streams.progress({ activity: 'Start-AADSyncService', status: 'Done', completed: true });
  const failed = failedRuns(outcome);
  if (failed.length > 0) {
    // Without -PassThru nothing else would say it: a failed run is an error the admin sees (and -ErrorAction decides).
    context.streams.error(new AADSyncKeyError('ConnectorCredentialRejected', `The delta cycle failed for ${failed.map((name) => `'${name}' (${outcome.runResults.find((r) => r.connectorName === name)?.result ?? 'error'})`).join(', ')}. Enter the connector's password again (Set-AADSyncConnectorCredential) or reinitialize the Azure AD account (Reset-AADSyncAADServiceAccount).`, { target: failed.join(', ') }));
  }
  if (outcome.connectorsWithoutRun.length > 0) {
    context.streams.warning(`The delta cycle produced no new run of ${outcome.connectorsWithoutRun.join(', ')} within the time limit: sync is not proven for them. Run Start-AADSyncService again with a larger -TimeoutSeconds.`);
  }
  if (context.parameters.PassThru === true) context.streams.output(OUTPUT_TYPE.ServiceVerification, {
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
