import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';
import { AUDIT_EVENTS, writeAuditEvent } from './audit-event.js';
import { objectSchema, resultSchema, runScript, type OperationContext } from './run-script.js';

// Reset-AADServiceAccount.ps1's result: the account that reset it, and the Sync_ account's name when given.
const validate = resultSchema(objectSchema({ userName: { type: 'string' }, name: { type: ['string', 'null'] } }, ['name']));

/** Reinitializes the Azure AD service account with a Hybrid Identity Administrator credential (Add-ADSyncAADServiceAccount). */
export async function resetAADServiceAccount(context: OperationContext, aadCredential: SecretCredential, name: string | undefined, timeoutSeconds = 180): Promise<void> {
  try {
    await runScript(context, { script: 'Reset-AADServiceAccount', arguments: name === undefined ? {} : { Name: name }, credentials: { AADCredential: aadCredential }, timeoutMs: timeoutSeconds * 1000 }, validate);
  } catch (error) {
    throw translateSignInError(error, aadCredential.userName);
  }
  await writeAuditEvent(context, AUDIT_EVENTS.aadServiceAccountReset, `The Azure AD service account was reinitialized (Add-ADSyncAADServiceAccount) by ${aadCredential.userName}.`);
}

const validateRollback = resultSchema(objectSchema({ userName: { type: 'string' }, identityAfter: { type: 'string' }, schedulerEnabledAfter: { type: 'boolean' } }));

/** What the rollback left: the identity read back after it, and whether the scheduler runs cycles again. */
export interface RollbackOutcome {
  readonly identityAfter: string;
  readonly schedulerEnabledAfter: boolean;
}

/**
 * Microsoft's rollback from an application identity to the legacy service account (authenticate-application-id.md):
 * the scheduler disabled, Add-ADSyncAADServiceAccount, ConnectorIdentityType read back as ServiceAccount, the
 * scheduler enabled again as it was.
 */
export async function rollBackToServiceAccount(context: OperationContext, aadCredential: SecretCredential, timeoutSeconds = 180): Promise<RollbackOutcome> {
  let outcome: RollbackOutcome;
  try {
    outcome = await runScript(context, { script: 'Reset-AADServiceAccount', arguments: { Rollback: true }, credentials: { AADCredential: aadCredential }, timeoutMs: timeoutSeconds * 1000 }, validateRollback);
  } catch (error) {
    throw translateSignInError(error, aadCredential.userName);
  }
  await writeAuditEvent(context, AUDIT_EVENTS.aadServiceAccountReset, `The Azure AD sign-in was rolled back to the legacy service account (Add-ADSyncAADServiceAccount, -RollbackToServiceAccount) by ${aadCredential.userName}; ConnectorIdentityType is now ${outcome.identityAfter}.`);
  return outcome;
}

// Azure AD's answers carry their AADSTS code in the message; each one needs a different fix.
function translateSignInError(error: unknown, userName: string): unknown {
  if (!(error instanceof PowerShellCommandError)) return error;
  if (/AADSTS50076|AADSTS50079|AADSTS53003/.test(error.message)) {
    return new AADSyncKeyError('AzureADMfaRequired', `Azure AD asks for multi-factor authentication or blocks the sign-in by Conditional Access for '${userName}': ${error.message}`, { target: userName, cause: error });
  }
  if (/AADSTS50126|AADSTS50034|AADSTS50053|AADSTS50055/.test(error.message)) {
    return new AADSyncKeyError('AzureADSignInFailed', `Azure AD refused the administrator credential '${userName}': ${error.message}`, { target: userName, cause: error });
  }
  if (/application identity/i.test(error.message)) {
    return new AADSyncKeyError('ApplicationIdentityInUse', error.message, { target: 'Azure AD connector', cause: error });
  }
  return error;
}
