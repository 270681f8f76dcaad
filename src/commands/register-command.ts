import type { CommandContext } from '../core/command-context.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { compileSchema, describeSchemaErrors } from '../util/validation.js';
import type { CommandDefinition } from './command-definition.js';
import { requestSchemaOf, withDefaults, type ParametersOf } from './parameter-values.js';

/** What a handler gets besides its parameters. */
export type HandlerContext = Omit<CommandContext, 'parameters'>;

/** A cmdlet's definition with the core logic that serves it. */
export interface RegisteredCommand {
  readonly definition: CommandDefinition;
  /**
   * Fills in the defaults, checks a request's parameters against the schema the definition makes, and returns the
   * handler's call with them; a request the schema refuses is InvalidRequest, before anything runs.
   */
  prepare(parameters: Readonly<Record<string, unknown>>): (context: HandlerContext) => Promise<void>;
}

/**
 * Registers a handler for a definition. The handler is typed from the definition (ParametersOf) and the request
 * is checked by the schema made from the same definition, so a handler cannot expect what the schema lets through
 * differently, and no cast is needed between them.
 */
export function registerCommand<const D extends CommandDefinition>(definition: D, handler: (context: CommandContext<ParametersOf<D>>) => Promise<void>): RegisteredCommand {
  const validate = compileSchema<ParametersOf<D>>(requestSchemaOf(definition));
  return {
    definition,
    prepare: (given) => {
      const parameters = withDefaults(definition, given);
      // No command-name prefix: PowerShell shows the cmdlet's name before the message already.
      if (!validate(parameters)) throw new AADSyncKeyError('InvalidRequest', `${describeSchemaErrors(validate.errors)}.`, { target: definition.name });
      return (context) => handler({ ...context, parameters });
    },
  };
}
