import type { ParameterDefinition } from './command-definition.js';

/** A parameter's help as Get-Help shows it: its text, then its default, from the one place the default is written. */
export function parameterHelp(parameter: ParameterDefinition): string {
  return parameter.default === undefined ? parameter.help : `${parameter.help} Default ${parameter.default}.`;
}
