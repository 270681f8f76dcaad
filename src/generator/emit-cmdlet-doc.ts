import type { CommandDefinition, ParameterDefinition } from '../commands/command-definition.js';
import { cmdletParameters } from '../commands/common-parameters.js';
import { parameterHelp } from '../commands/help-text.js';
import { generatedHeader } from './generated-header.js';

// A parameter's line of facts: type, whether it must be given, its position, default, pipeline and range.
function facts(parameter: ParameterDefinition): string {
  const parts = [
    `\`${parameter.type}\``,
    parameter.mandatory === true ? 'mandatory' : 'optional',
    parameter.position === undefined ? 'named' : `position ${parameter.position}`,
    ...(parameter.default === undefined ? [] : [`default ${parameter.default}`]),
    ...(parameter.validateRange === undefined ? [] : [`${parameter.validateRange[0]} to ${parameter.validateRange[1]}`]),
    ...(parameter.validateSet === undefined ? [] : [`one of ${parameter.validateSet.join(', ')}`]),
    ...(parameter.valueFromPipeline === true ? ['from the pipeline'] : []),
    ...(parameter.valueFromPipelineByPropertyName === true ? ['from the pipeline by property name'] : []),
    ...(parameter.aliases === undefined ? [] : [`alias ${parameter.aliases.join(', ')}`]),
  ];
  return parts.join('; ');
}

/**
 * Emits docs/reference/<cmdlet>.md: the cmdlet's help as a page, from the same definition as Get-Help, for reading
 * online (the module sets no HelpUri until the project has a public home for these pages).
 */
export function emitCmdletDoc(command: CommandDefinition): string {
  return [
    `<!--\n${generatedHeader('')}\n-->`,
    `# ${command.name}`,
    '',
    command.synopsis,
    '',
    '## Description',
    '',
    command.description,
    '',
    '## Parameters',
    '',
    ...cmdletParameters(command).flatMap((parameter) => [`### -${parameter.name}`, '', facts(parameter), '', parameterHelp(parameter), '']),
    ...(command.confirmImpact === undefined ? [] : ['### -WhatIf, -Confirm', '', `ConfirmImpact ${command.confirmImpact}: -WhatIf shows what would be done and changes nothing; -Confirm asks before each change.`, '']),
    '## Examples',
    '',
    ...command.examples.flatMap((example, index) => [`### ${index + 1}. ${example.title}`, '', '```powershell', example.code, '```', '', example.remarks, '']),
    '## Outputs',
    '',
    ...command.outputTypes.map((type) => `- \`${type}\``),
    '',
    '## Related',
    '',
    ...command.links.map((link) => (link.startsWith('about_') ? `- ${link} (\`Get-Help ${link}\`)` : `- [${link}](${link}.md)`)),
    '',
  ].join('\n');
}
