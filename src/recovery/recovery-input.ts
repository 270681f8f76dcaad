import type { CommandContext } from '../core/command-context.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';

/** The parameters of Invoke-AADSyncKeyRecovery that are not credentials. */
export interface RecoveryParameters {
  readonly ResetConnector?: readonly string[];
  readonly Force?: boolean;
  readonly Resume?: boolean;
  readonly JournalPath?: string;
  readonly RollbackToServiceAccount?: boolean;
  /** Always there: the command's definition has its default. */
  readonly TimeoutSeconds: number;
}

/** Every secret and choice the admin gave, checked for shape before anything is read from the server. */
export interface RecoveryInput {
  /** AD connector name -> its AD DS account with the known password. */
  readonly connectorCredentials: ReadonlyMap<string, SecretCredential>;
  /** AD connectors whose account password an Enterprise Admin resets instead. */
  readonly resetConnectors: ReadonlySet<string>;
  readonly enterpriseAdmin: SecretCredential | undefined;
  readonly aadCredential: SecretCredential | undefined;
  /**
   * -RollbackToServiceAccount: the administrator asks for Microsoft's rollback from an application identity to the
   * legacy service account (or for Add-ADSyncAADServiceAccount although the identity cannot be read).
   */
  readonly rollbackToServiceAccount: boolean;
}

const MAP_PREFIX = 'ConnectorCredential:';

function checkPassword(credential: SecretCredential, what: string): SecretCredential {
  if (credential.password.length === 0) {
    throw new AADSyncKeyError('EmptyPassword', `The credential for ${what} ('${credential.userName}') has an empty password; nothing was changed.`, { target: what });
  }
  return credential;
}

/** Reads the request's credentials (ConnectorCredential entries arrive as 'ConnectorCredential:<name>'). */
export function readRecoveryInput(context: Pick<CommandContext<Pick<RecoveryParameters, 'ResetConnector' | 'RollbackToServiceAccount'>>, 'credentials' | 'parameters'>): RecoveryInput {
  const connectorCredentials = new Map<string, SecretCredential>();
  for (const [key, credential] of Object.entries(context.credentials)) {
    if (!key.startsWith(MAP_PREFIX)) continue;
    const name = key.slice(MAP_PREFIX.length);
    connectorCredentials.set(name, checkPassword(credential, `connector '${name}'`));
  }
  const resetConnectors = new Set(context.parameters.ResetConnector ?? []);
  const enterpriseAdminGiven = context.credentials['EnterpriseAdminCredential'];
  const enterpriseAdmin = enterpriseAdminGiven === undefined ? undefined : checkPassword(enterpriseAdminGiven, 'the Enterprise Admin');
  if (resetConnectors.size > 0 && enterpriseAdmin === undefined) {
    throw new AADSyncKeyError('InvalidRequest', '-ResetConnector needs -EnterpriseAdminCredential: the reset is done by an Enterprise Admin; nothing was changed.', { target: 'ResetConnector' });
  }
  for (const name of resetConnectors) {
    if (connectorCredentials.has(name)) {
      throw new AADSyncKeyError('InvalidRequest', `The connector '${name}' has both a known password and -ResetConnector; choose one. Nothing was changed.`, { target: name });
    }
  }
  const aadCredentialGiven = context.credentials['AADCredential'];
  return {
    connectorCredentials, resetConnectors, enterpriseAdmin,
    aadCredential: aadCredentialGiven === undefined ? undefined : checkPassword(aadCredentialGiven, 'the Azure AD account'),
    rollbackToServiceAccount: context.parameters.RollbackToServiceAccount === true,
  };
}

/** Whether the input says how to provide the password of this AD connector. */
export function hasConnectorInput(input: RecoveryInput, name: string): boolean {
  return input.connectorCredentials.has(name) || input.resetConnectors.has(name);
}

/** Every connector name the input mentions. */
export function connectorNamesIn(input: RecoveryInput): string[] {
  return [...input.connectorCredentials.keys(), ...input.resetConnectors].sort();
}
