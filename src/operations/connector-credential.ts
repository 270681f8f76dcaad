import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import { runVerdict } from '../adsync/run-result.js';
import type { SecretCredential } from '../session/secret.js';
import { AUDIT_EVENTS, writeAuditEvent } from './audit-event.js';
import { COMMAND_NEEDS, missingCommandsError } from './command-surface.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

/** How the AD DS account's password is provided: a known password, or a reset by an Enterprise Admin. */
export type ConnectorCredentialSource =
  | { readonly mode: 'Known'; readonly credential: SecretCredential }
  | { readonly mode: 'Reset'; readonly enterpriseAdminCredential: SecretCredential };

const STORED_RESULT = objectSchema({
  mode: { enum: ['Known', 'Reset'] }, loginUser: { type: ['string', 'null'] }, loginDomain: { type: ['string', 'null'] },
  // The account the connector signed in with before (Known mode).
  previousUser: { type: ['string', 'null'] }, previousDomain: { type: ['string', 'null'] },
});

/** What the server reported after storing the credential (Set-ConnectorCredential.ps1's result). */
export type StoredConnectorCredential = ResultOf<typeof STORED_RESULT>;

const TEST_RESULT = objectSchema({ ran: { type: 'boolean' }, result: { type: ['string', 'null'] }, runProfileName: { type: ['string', 'null'] } });

/** What one test run of a stored password showed (Test-ConnectorCredential.ps1's result). */
export type CredentialTest = ResultOf<typeof TEST_RESULT>;

const validate = resultSchema(STORED_RESULT);
const validateTest = resultSchema(TEST_RESULT);

/**
 * Tests a connector's stored password with one Delta Import run (Invoke-ADSyncRunProfile, documented), as the
 * service would use it. Fails with ConnectorCredentialRejected when the run cannot start on its credentials.
 */
export async function testConnectorCredential(context: OperationContext, connectorName: string, timeoutSeconds: number): Promise<CredentialTest> {
  const test = await runScript(context, { script: 'Test-ConnectorCredential', arguments: { ConnectorName: connectorName, TimeoutSeconds: timeoutSeconds }, timeoutMs: (timeoutSeconds + 30) * 1000 }, validateTest);
  if (test.ran && test.result !== null && runVerdict(test.result, 'AD') === 'CredentialRejected') {
    throw new AADSyncKeyError(
      'ConnectorCredentialRejected',
      `The password was stored, but the AD DS account of '${connectorName}' cannot sign in with it: its ${test.runProfileName ?? 'Delta Import'} run ended with ${test.result}. Run Set-AADSyncConnectorCredential again with the account's current password.`,
      { target: connectorName },
    );
  }
  return test;
}

/** Stores (or, with an Enterprise Admin, resets and stores) the AD DS account password of one AD connector. */
export async function storeConnectorCredential(context: OperationContext, connectorName: string, source: ConnectorCredentialSource, timeoutSeconds = 120): Promise<StoredConnectorCredential> {
  const credentials = source.mode === 'Known' ? { Credential: source.credential } : { EnterpriseAdminCredential: source.enterpriseAdminCredential };
  let stored: StoredConnectorCredential;
  try {
    stored = await runScript(context, { script: 'Set-ConnectorCredential', arguments: { ConnectorName: connectorName }, credentials, timeoutMs: timeoutSeconds * 1000 }, validate);
  } catch (error) {
    throw translateConnectorError(error, connectorName);
  }
  if (stored.mode === 'Known') {
    await writeAuditEvent(context, AUDIT_EVENTS.connectorCredentialStored, `The AD DS connector account password of the connector '${connectorName}' was stored (account ${[stored.loginDomain, stored.loginUser].filter((p) => p !== null && p !== '').join('\\')}).`);
  } else {
    await writeAuditEvent(context, AUDIT_EVENTS.connectorAccountReset, `The AD DS connector account of the connector '${connectorName}' was given a new password by an Enterprise Admin (Add-ADSyncADDSConnectorAccount).`);
  }
  return stored;
}

function translateConnectorError(error: unknown, connectorName: string): unknown {
  if (!(error instanceof PowerShellCommandError)) return error;
  if (error.fullyQualifiedErrorId.startsWith('ServerCommandMissing')) {
    return missingCommandsError([{ ...COMMAND_NEEDS.storeKnownPassword, parameter: 'ADConnectorCredential', present: false }]);
  }
  if (/could not be found/i.test(error.message)) {
    return new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${connectorName}'.`, { target: connectorName, cause: error });
  }
  if (/user name or password is incorrect/i.test(error.message)) {
    return new AADSyncKeyError('EnterpriseAdminCredentialInvalid', `The Enterprise Admin credential for '${connectorName}' was refused: The user name or password is incorrect.`, { target: connectorName, cause: error });
  }
  return error;
}
