import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { startAndVerify } from '../../diagnosis/start-and-diagnose.js';
import { describeRun, judgeSyncCycle } from '../../operations/sync-cycle-judgment.js';
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
  const judgment = judgeSyncCycle(outcome);
  const failed = judgment.failed.map((c) => c.connectorName);
  for (const warning of judgment.warnings) context.streams.warning(warning);
  for (const connector of judgment.failed) {
    // Without -PassThru nothing else would say it: a failed run is an error the admin sees (and -ErrorAction decides).
    const run = connector.failingRun === undefined ? connector.verdict : describeRun(connector.failingRun);
    const error = connector.verdict === 'Unreachable'
      ? new AADSyncKeyError('ConnectorUnreachable', `The delta cycle could not reach the directory of '${connector.connectorName}' (${run}): check this server's connection to it; its credential is not the question.`, { target: connector.connectorName })
      : connector.kind === 'AD'
        ? new AADSyncKeyError('ConnectorCredentialRejected', `The delta cycle's run of '${connector.connectorName}' refused its credential (${run}). Enter the connector's password again: Set-AADSyncConnectorCredential -ConnectorName '${connector.connectorName}' -Credential (Get-Credential).`, { target: connector.connectorName })
        : new AADSyncKeyError('AzureADConnectorSignInFailed', `The Azure AD connector '${connector.connectorName}' could not sign in (${run}). With the legacy service account: Reset-AADSyncAADServiceAccount; with an application identity: rotate its credential (the wizard, or Invoke-ADSyncApplicationCredentialRotation).`, { target: connector.connectorName });
    context.streams.error(error);
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
    // One entry per connector: what its runs say (Ran, CredentialRejected, Unreachable, NoRun) and the runs themselves.
    ConnectorResults: judgment.connectors.map((c) => ({ Connector: c.connectorName, Result: c.verdict, Runs: c.runs.map(describeRun).join(', '), RunsWithErrors: c.runsWithErrors.length })),
    Warnings: judgment.warnings,
  });
}
