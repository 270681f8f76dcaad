import type { StreamSink } from '../core/command-context.js';
import { forwardSessionRecords } from '../core/forward-records.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { PowerShellSessionLike, SessionInvocation } from '../session/session-types.js';
import { compileSchema, describeSchemaErrors } from '../util/validation.js';
import type { ValidateFunction } from 'ajv';

/** What a server operation needs: the session and where its verbose and warning records go. */
export interface OperationContext {
  readonly session: PowerShellSessionLike;
  readonly streams: Pick<StreamSink, 'verbose' | 'warning'>;
}

/** A result schema compiled once, for {@link runScript}. */
export function resultSchema<T>(schema: object): ValidateFunction<T> {
  return compileSchema<T>(schema);
}

/** Runs one session script, forwards its stream records, and checks its single output object against a schema. */
export async function runScript<T>(context: OperationContext, invocation: SessionInvocation, validate: ValidateFunction<T>): Promise<T> {
  const result = await context.session.invoke(invocation);
  forwardSessionRecords(result.records, context.streams);
  const output = result.output[0];
  if (!validate(output)) {
    throw new AADSyncKeyError('ProtocolViolation', `${invocation.script} returned data that did not match its schema: ${describeSchemaErrors(validate.errors)}`);
  }
  return output;
}
