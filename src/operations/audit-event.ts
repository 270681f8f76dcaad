import { hostname } from 'node:os';
import { objectSchema, resultSchema, runScript, type OperationContext } from './run-script.js';
import { currentUser } from './server-lock.js';

/** The Application log events this module writes (source AADSyncKey), one id per kind of change. */
export const AUDIT_EVENTS = {
  recoveryStarted: 1000,
  recoveryEnded: 1001,
  recoveryCancelled: 1002,
  keyAbandoned: 1010,
  connectorCredentialStored: 1020,
  connectorAccountReset: 1021,
  aadServiceAccountReset: 1030,
} as const;

const validate = resultSchema(objectSchema({ written: { type: 'boolean' }, reason: { type: ['string', 'null'] } }));

/**
 * Writes an audit event on the server for a change this module made, naming who and from where; an event that cannot
 * be written is a warning, never a failure of the change it records. The text holds names, never a secret.
 */
export async function writeAuditEvent(context: OperationContext, eventId: number, what: string): Promise<void> {
  const message = `${what} Operator: ${currentUser()} on ${hostname()}.`;
  try {
    const result = await runScript(context, { script: 'Write-AuditEvent', arguments: { EventId: eventId, Message: message } }, validate);
    if (!result.written) context.streams.warning(`The audit event ${eventId} was not written to the Application log: ${result.reason ?? 'no reason given'}.`);
  } catch (error) {
    context.streams.warning(`The audit event ${eventId} was not written to the Application log: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
