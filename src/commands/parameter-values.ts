import type { CommandDefinition, ParameterDefinition } from './command-definition.js';

// A parameter's facts are written once, in its ParameterDefinition. From it come the PowerShell param block and
// the help (src/generator), the request schema the core checks (requestSchemaOf), and, at the type level, what
// the handler receives (ParametersOf). A parameter with a default is always there: the core fills it in.

/** The value a parameter has in a request, as its type and ValidateSet say. */
type ParameterValue<P extends ParameterDefinition> =
  P extends { readonly validateSet: readonly (infer V)[] } ? V
    : P['type'] extends 'int' ? number
      : P['type'] extends 'switch' ? boolean
        : P['type'] extends 'string[]' ? readonly string[]
          : P['type'] extends 'hashtable' ? Readonly<Record<string, unknown>>
            : string;

/** The parameters that travel as request parameters: credentials travel apart, remoting ones become targets. */
type SentParameter<D extends CommandDefinition> = Exclude<D['parameters'][number], { readonly type: 'PSCredential' | 'credentialMap' }>;

/** Whether a request always has the parameter: it has a default, or it is mandatory in every parameter set. */
type AlwaysThere<P> = P extends { readonly default: number } ? true
  : P extends { readonly mandatory: true } ? (P extends { readonly parameterSets: readonly string[] } ? false : true)
    : false;

/** What a command's handler receives as `context.parameters`, derived from its definition. */
export type ParametersOf<D extends CommandDefinition> =
  & { readonly [P in SentParameter<D> as AlwaysThere<P> extends true ? P['name'] : never]: ParameterValue<P> }
  & { readonly [P in SentParameter<D> as AlwaysThere<P> extends true ? never : P['name']]?: ParameterValue<P> };

// The longest a path may be (Windows' extended-length limit), unless the definition says less.
const PATH_MAX_LENGTH = 4096;

function isSent(parameter: ParameterDefinition, command: CommandDefinition): boolean {
  if (parameter.type === 'PSCredential' || parameter.type === 'credentialMap') return false;
  // A name collected from the pipeline is merged into its credential map by the module, never sent alone.
  return command.collectPipeline?.nameParameter !== parameter.name;
}

function alwaysThere(parameter: ParameterDefinition): boolean {
  return parameter.default !== undefined || (parameter.mandatory === true && parameter.parameterSets === undefined);
}

/** The JSON Schema of one parameter's value. */
export function parameterSchema(parameter: ParameterDefinition): Record<string, unknown> {
  if (parameter.validateSet !== undefined) return { enum: [...parameter.validateSet] };
  const text = (maxLength: number | undefined): Record<string, unknown> => ({ type: 'string', minLength: 1, ...(maxLength === undefined ? {} : { maxLength }) });
  switch (parameter.type) {
    case 'int':
      return { type: 'integer', ...(parameter.validateRange === undefined ? {} : { minimum: parameter.validateRange[0], maximum: parameter.validateRange[1] }) };
    case 'switch':
      return { type: 'boolean' };
    case 'string[]':
      return { type: 'array', items: text(parameter.maxLength), minItems: 1, ...(parameter.uniqueItems === true ? { uniqueItems: true } : {}) };
    case 'hashtable':
      return { type: 'object' };
    case 'path':
      return text(parameter.maxLength ?? PATH_MAX_LENGTH);
    default:
      return text(parameter.maxLength);
  }
}

/** The request schema of a command: every sent parameter, nothing else, the ones always there required. */
export function requestSchemaOf(command: CommandDefinition): object {
  const sent = command.parameters.filter((parameter) => isSent(parameter, command));
  const required = sent.filter(alwaysThere).map((parameter) => parameter.name);
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length === 0 ? {} : { required }),
    properties: Object.fromEntries(sent.map((parameter) => [parameter.name, parameterSchema(parameter)])),
  };
}

/** A request's parameters with every default the definition declares filled in. */
export function withDefaults(command: CommandDefinition, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const parameters: Record<string, unknown> = structuredClone(given);
  for (const parameter of command.parameters) {
    if (parameter.default !== undefined && !(parameter.name in parameters)) parameters[parameter.name] = parameter.default;
  }
  return parameters;
}
