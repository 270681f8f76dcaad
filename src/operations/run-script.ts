import type { StreamSink } from '../core/command-context.js';
import { forwardSessionRecords } from '../core/forward-records.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { PowerShellSessionLike, SessionInvocation } from '../session/session-types.js';
import { compileSchema, describeSchemaErrors, type SchemaType } from '../util/validation.js';
import type { ValidateFunction } from 'ajv';
import type { JSONSchema } from 'json-schema-to-ts';

/** What a server operation needs: the session and where its verbose and warning records go. */
export interface OperationContext {
  readonly session: PowerShellSessionLike;
  readonly streams: Pick<StreamSink, 'verbose' | 'warning'>;
}

/**
 * A session script's result, declared once: its JSON Schema. The TypeScript type is derived from it
 * ({@link ResultOf}), so the check and the type cannot drift apart.
 */
export function resultSchema<const S extends JSONSchema>(schema: S): ValidateFunction<ResultOf<S>> {
  return compileSchema<ResultOf<S>>(schema);
}

/** The usual shape of a result: an object whose properties are required unless named optional. */
export { objectSchema } from '../util/validation.js';

/** The TypeScript type of what a result schema accepts. */
export type ResultOf<S extends JSONSchema> = SchemaType<S>;

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
