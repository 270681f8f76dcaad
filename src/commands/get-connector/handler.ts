import { readServerSnapshot, reportServerRecordProblem } from '../../adsync/server-snapshot.js';
import { newestSignInRuns, runVerdict } from '../../adsync/run-result.js';
import type { CommandContext } from '../../core/command-context.js';
import { afterAbandon } from '../../diagnosis/after-abandon.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { hasWildcard, wildcardToRegExp } from '../../util/wildcard.js';
import { rememberConnectors } from '../../server/connector-inventory.js';
import type { ParametersOf } from '../parameter-values.js';
import type { getConnectorDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';
import { connectorKind } from '../../adsync/connector-kind.js';

/** Get-AADSyncConnector: connectors from one read of the server, filtered by name and type. */
export async function getConnector(context: CommandContext<ParametersOf<typeof getConnectorDefinition>>): Promise<void> {
  const snapshot = await readServerSnapshot(context.session, context.streams, context.parameters.TimeoutSeconds);
  reportServerRecordProblem(snapshot, context.streams);
  rememberConnectors(context.dataFolder, snapshot, context.streams.verbose);
  if (snapshot.connectors === null) {
    throw new AADSyncKeyError('SyncServiceNotRunning', `The connectors cannot be read: ${snapshot.connectorsUnavailableReason ?? 'the service is not running.'}`, { target: 'ADSync' });
  }
  const { Name: names, Type: type } = context.parameters;
  const all = snapshot.connectors.map((connector) => ({ connector, type: connectorKind(connector) }));
  const patterns = (names ?? []).map((name) => ({ name, regex: wildcardToRegExp(name) }));
  const selected = all.filter((entry) => (patterns.length === 0 || patterns.some((p) => p.regex.test(entry.connector.name))) && (type === undefined || entry.type === type));
  // As Get-Service does: a literal name that matches nothing is an error for that name alone; a wildcard is not.
  for (const { name, regex } of patterns) {
    if (hasWildcard(name) || all.some((entry) => regex.test(entry.connector.name))) continue;
    context.streams.error(new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${name}' (connectors: ${all.map((e) => e.connector.name).join(', ')}).`, { target: name }));
  }
  // After an abandon a credential not entered again is unreadable, whatever its last run said.
  const abandoned = afterAbandon(snapshot);
  const notReentered = new Set([...(abandoned?.connectorsToDo ?? []), ...(abandoned?.azureADAccountToDo === true ? selected.filter((e) => e.type === 'AzureAD').map((e) => e.connector.name) : [])]);
  for (const { connector, type: connectorType } of selected) {
    // The newest import and export speak of the credential; a synchronization run does not.
    const signIns = newestSignInRuns(snapshot.runResults, connector.name);
    const verdicts = signIns.map((run) => runVerdict(run.result, connectorType));
    const latest = snapshot.runResults.find((run) => run.connectorName === connector.name);
    const credentialState = notReentered.has(connector.name) ? 'NotReentered'
      : verdicts.includes('CredentialRejected') ? 'Invalid' : verdicts.length > 0 && verdicts.every((v) => v === 'Ran') ? 'Valid' : 'Unknown';
    context.streams.output(OUTPUT_TYPE.Connector, {
      Name: connector.name,
      Identifier: connector.identifier,
      Type: connectorType,
      Forest: connector.forest,
      LoginUser: connector.loginUser,
      LoginDomain: connector.loginDomain,
      AzureADUserName: connector.aadUserName,
      Login: connector.loginUser !== null && connector.loginUser !== '' ? [connector.loginDomain, connector.loginUser].filter((p) => p !== null && p !== '').join('\\') : connector.aadUserName,
      CredentialState: credentialState,
      LastRunResult: latest?.result ?? null,
    });
  }
}
