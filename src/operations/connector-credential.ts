import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';
import { resultSchema, runScript, type OperationContext } from './run-script.js';

/** How the AD DS account's password is provided: a known password, or a reset by an Enterprise Admin. */
export type ConnectorCredentialSource =
  | { readonly mode: 'Known'; readonly credential: SecretCredential }
  | { readonly mode: 'Reset'; readonly enterpriseAdminCredential: SecretCredential };

/** What the server reported after storing the credential. */
export interface StoredConnectorCredential {
  readonly mode: 'Known' | 'Reset';
  readonly loginUser: string | null;
  readonly loginDomain: string | null;
}

const validate = resultSchema<StoredConnectorCredential>({
  type: 'object',
  required: ['mode', 'loginUser', 'loginDomain'],
  properties: { mode: { enum: ['Known', 'Reset'] }, loginUser: { type: ['string', 'null'] }, loginDomain: { type: ['string', 'null'] } },
});

/** Stores (or, with an Enterprise Admin, resets and stores) the AD DS account password of one AD connector. */
export async function storeConnectorCredential(context: OperationContext, connectorName: string, source: ConnectorCredentialSource, timeoutSeconds = 120): Promise<StoredConnectorCredential> {
  const credentials = source.mode === 'Known' ? { Credential: source.credential } : { EnterpriseAdminCredential: source.enterpriseAdminCredential };
  try {
    return await runScript(context, { script: 'Set-ConnectorCredential', arguments: { ConnectorName: connectorName }, credentials, timeoutMs: timeoutSeconds * 1000 }, validate);
  } catch (error) {
    throw translateConnectorError(error, connectorName);
  }
}

function translateConnectorError(error: unknown, connectorName: string): unknown {
  if (!(error instanceof PowerShellCommandError)) return error;
  if (/could not be found/i.test(error.message)) {
    return new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${connectorName}'.`, { target: connectorName, cause: error });
  }
  if (/user name or password is incorrect/i.test(error.message)) {
    return new AADSyncKeyError('EnterpriseAdminCredentialInvalid', `The Enterprise Admin credential for '${connectorName}' was refused: The user name or password is incorrect.`, { target: connectorName, cause: error });
  }
  return error;
}
