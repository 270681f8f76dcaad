import { readServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { resetAADServiceAccount } from '../../operations/aad-service-account.js';
import { connectorKind } from '../../adsync/connector-kind.js';
import { requireCredential, requireRunningService } from '../../adsync/preconditions.js';
import type { ParametersOf } from '../parameter-values.js';
import type { resetAADServiceAccountDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Reset-AADSyncAADServiceAccount: refuse an application identity, then Add-ADSyncAADServiceAccount. */
export async function resetAADServiceAccountCmdlet(context: CommandContext<ParametersOf<typeof resetAADServiceAccountDefinition>>): Promise<void> {
  const aadCredential = requireCredential(context, 'AADCredential');
  const snapshot = await readServerSnapshot(context.session, context.streams);
  const connectors = requireRunningService(snapshot, 'Resetting the Azure AD service account');
  if (snapshot.aadIdentityType === 'Application') {
    throw new AADSyncKeyError(
      'ApplicationIdentityInUse',
      'The Azure AD connector signs in with an application (certificate) identity, so there is no Sync_ service account to reset; this step does not apply to this server.',
      { target: 'Azure AD connector' },
    );
  }
  if (snapshot.aadIdentityType !== 'ServiceAccount' && context.parameters.Force !== true) {
    // Run blind, Add-ADSyncAADServiceAccount would roll an application identity back to the legacy service account.
    throw new AADSyncKeyError(
      'AADIdentityUnknown',
      `The Azure AD connector's sign-in identity could not be read (Get-ADSyncEntraConnectorCredential: ${snapshot.readFailures?.['Get-ADSyncEntraConnectorCredential'] ?? 'no answer'}), so Add-ADSyncAADServiceAccount was not run: on a server with an application identity it would roll the sign-in back to the legacy service account. If the server signs in with the legacy service account, run it again with -Force. Nothing was changed.`,
      { target: 'Get-ADSyncEntraConnectorCredential' },
    );
  }
  const aadConnector = connectors.find((connector) => connectorKind(connector) === 'AzureAD');
  const account = context.parameters.Name ?? aadConnector?.aadUserName ?? 'the Sync_ account';
  if (!(await context.shouldProcess(account, `Reset the Azure AD service account's password (Add-ADSyncAADServiceAccount) as ${aadCredential.userName}`))) return;
  await resetAADServiceAccount(context, aadCredential, context.parameters.Name, context.parameters.TimeoutSeconds);
  if (context.parameters.PassThru === true) context.streams.output(OUTPUT_TYPE.AADServiceAccountResult, { ConnectorName: aadConnector?.name ?? null, ServiceAccount: account, ResetBy: aadCredential.userName });
}
