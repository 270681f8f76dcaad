import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

// One Ajv instance for the process: each schema is compiled once, when it first validates. Compiling every
// schema at module load cost the core about 0.4 CPU-seconds per start, most of it for schemas a call never uses.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true });

/** The TypeScript type of what a JSON Schema accepts: a shape declared once, as its schema. */
export type SchemaType<S extends JSONSchema> = FromSchema<S>;

/** Compiles a schema declared `as const` into a validator typed by the schema itself. */
export function compileTypedSchema<const S extends JSONSchema>(schema: S): ValidateFunction<SchemaType<S>> {
  return compileSchema<SchemaType<S>>(schema);
}

/** How to compile each schema declared so far (see compileDeclaredSchemas). */
const declaredSchemas: (() => unknown)[] = [];

/** Compiles every schema declared so far, throwing on the first that Ajv rejects; returns how many there are. */
export function compileDeclaredSchemas(): number {
  for (const compile of declaredSchemas) compile();
  return declaredSchemas.length;
}

/**
 * The validator of a JSON Schema, compiled on its first call (then kept). Like Ajv's own, it sets `errors` after
 * each call. A schema that Ajv rejects throws on that first call; test/unit/util/declared-schemas.test.ts compiles them all.
 */
export function compileSchema<T>(schema: object | boolean): ValidateFunction<T> {
  let compiled: ValidateFunction<T> | undefined;
  const compile = (): ValidateFunction<T> => (compiled ??= ajv.compile<T>(schema));
  declaredSchemas.push(compile);
  const validate = ((data: unknown): data is T => {
    const validator = compile();
    const valid = validator(data);
    validate.errors = validator.errors ?? null;
    return valid;
  }) as ValidateFunction<T>;
  validate.schema = schema;
  return validate;
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
