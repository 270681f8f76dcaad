import type { ParameterDefinition } from './command-definition.js';

/** The range every -TimeoutSeconds accepts, in the request schemas. */
export const TIMEOUT_SECONDS_SCHEMA = { type: 'integer', minimum: 5, maximum: 3600 } as const;

/** -TimeoutSeconds of a cmdlet that reads the server, with its default in the help. */
export const READ_TIMEOUT_PARAMETER: ParameterDefinition = {
  name: 'TimeoutSeconds',
  type: 'int',
  validateRange: [TIMEOUT_SECONDS_SCHEMA.minimum, TIMEOUT_SECONDS_SCHEMA.maximum],
  default: 120,
  help: 'How long reading the server may take before the read is ended (its PowerShell session is restarted). Default 120.',
};

/** -TimeoutSeconds of a cmdlet whose ADSync calls may wait on the service or on Entra. */
export function commandTimeoutParameter(defaultSeconds: number): ParameterDefinition {
  return {
    name: 'TimeoutSeconds',
    type: 'int',
    validateRange: [TIMEOUT_SECONDS_SCHEMA.minimum, TIMEOUT_SECONDS_SCHEMA.maximum],
    default: defaultSeconds,
    help: `How long the ADSync cmdlets may take before the command is ended (the session is restarted). Default ${defaultSeconds}.`,
  };
}
