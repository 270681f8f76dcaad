import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { accountChange } from '../../operations/account-change.js';
import { storeConnectorCredential, testConnectorCredential, type ConnectorCredentialSource } from '../../operations/connector-credential.js';
import { connectorKind } from '../../adsync/connector-kind.js';
import { connectorInventory } from '../../server/connector-inventory.js';
import { findConnector, requireCredential, requireRunningService } from '../../adsync/preconditions.js';
import type { ParametersOf } from '../parameter-values.js';
import type { setConnectorCredentialDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Set-AADSyncConnectorCredential: check name, type, password and service, then store or reset. */
export async function setConnectorCredential(context: CommandContext<ParametersOf<typeof setConnectorCredentialDefinition>>): Promise<void> {
  const name = context.parameters.ConnectorName;
  const source: ConnectorCredentialSource = context.credentials['EnterpriseAdminCredential'] === undefined
    ? { mode: 'Known', credential: requireCredential(context, 'Credential', name) }
    : { mode: 'Reset', enterpriseAdminCredential: requireCredential(context, 'EnterpriseAdminCredential', name) };
  const snapshot = await readServerSnapshot(context.session, context.streams);
  const connectors = requireRunningService(snapshot, 'Setting a connector credential');
  connectorInventory(context.dataFolder, snapshot);
  const connector = findConnector(connectors, name);
  if (connectorKind(connector) !== 'AD') {
    throw new AADSyncKeyError('ConnectorNotAD', `The connector '${name}' is an Azure AD connector, not an Active Directory connector; reset its account with Reset-AADSyncAADServiceAccount.`, { target: name });
  }
  const change = source.mode === 'Known' ? accountChange({ user: connector.loginUser, domain: connector.loginDomain }, source.credential.userName) : null;
  if (change?.domainChanged === true && context.parameters.Force !== true) {
    throw new AADSyncKeyError(
      'ConnectorAccountChange',
      `The connector '${name}' signs in as ${change.from}; the credential is ${change.to}, of another domain, and storing it would move the connector to that account. Give the AD DS account of '${name}', or add -Force to move it; nothing was changed.`,
      { target: name },
    );
  }
  if (change !== null) context.streams.warning(`The connector '${name}' signed in as ${change.from}; it will sign in as ${change.to} from now on.`);
  const action = source.mode === 'Known'
    ? `Store the password of ${source.credential.userName} as the AD DS connector account`
    : `Reset the AD DS connector account's password with the Enterprise Admin ${source.enterpriseAdminCredential.userName}`;
  if (!(await context.shouldProcess(`Connector '${name}'`, action))) return;
  const timeoutSeconds = context.parameters.TimeoutSeconds;
  const stored = await storeConnectorCredential(context, name, source, timeoutSeconds);
  // Success is reported only for a password the service can use: a test run, unless the admin skips it.
  const test = context.parameters.SkipVerification === true ? null : await testConnectorCredential(context, name, timeoutSeconds);
  const account = stored.mode === 'Known'
    ? [stored.loginDomain, stored.loginUser].filter((part) => part !== null && part !== '').join('\\')
    : [connector.loginDomain, connector.loginUser].filter((part) => part !== null && part !== '').join('\\');
  if (context.parameters.PassThru === true) context.streams.output(OUTPUT_TYPE.ConnectorCredentialResult, {
    ConnectorName: name,
    Mode: stored.mode,
    Account: account,
    Stored: true,
    Verified: test === null ? null : test.ran && test.result === 'success',
    VerifiedBy: test === null ? null : test.ran ? `${test.runProfileName ?? 'Delta Import'}: ${test.result ?? ''}` : 'no test run was recorded in time',
  });
}
