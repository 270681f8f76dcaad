import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

// One Ajv instance for the process: each schema is compiled once, at module load.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true });

/** The TypeScript type of what a JSON Schema accepts: a shape declared once, as its schema. */
export type SchemaType<S extends JSONSchema> = FromSchema<S>;

/** Compiles a schema declared `as const` into a validator typed by the schema itself. */
export function compileTypedSchema<const S extends JSONSchema>(schema: S): ValidateFunction<SchemaType<S>> {
  return compileSchema<SchemaType<S>>(schema);
}

/** Compiles a JSON Schema once and returns its validator. */
export function compileSchema<T>(schema: object | boolean): ValidateFunction<T> {
  return ajv.compile<T>(schema);
}

/** A readable list of what failed, naming each offending path (values are not echoed: they may be secret). */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'unknown schema violation';
  return errors
    .map((error) => {
      const path = error.instancePath === '' ? '(root)' : error.instancePath;
      const allowed = error.keyword === 'enum' ? `: one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
      const extra = error.keyword === 'additionalProperties' ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : '';
      return `${path} ${error.message ?? 'is invalid'}${extra}${allowed}`;
    })
    .join('; ');
}

/**
 * An object schema whose properties are all required but those named in `optional`: the shape of every session
 * script's result, so that each declaration lists its properties once. Literal types are kept for SchemaType.
 */
export function objectSchema<const P extends Record<string, JSONSchema>, const O extends ReadonlyArray<keyof P & string> = readonly []>(
  properties: P,
  optional?: O,
): { readonly type: 'object'; readonly required: ReadonlyArray<Exclude<keyof P & string, O[number]>>; readonly properties: P } {
  const skipped = new Set<string>(optional ?? []);
  const required = Object.keys(properties).filter((name): name is Exclude<keyof P & string, O[number]> => !skipped.has(name));
  return { type: 'object', required, properties };
}
