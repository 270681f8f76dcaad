import type { CommandDefinition, ParameterDefinition, ParameterType } from '../commands/command-definition.js';
import { cmdletParameters, remotingParametersOf } from '../commands/common-parameters.js';
import { parameterHelp } from '../commands/help-text.js';
import { quotePowerShellLiteral } from '../session/quoting.js';

const INDENT = '    ';

const POWERSHELL_TYPES: Record<ParameterType, string> = {
  'string': '[string]',
  'string[]': '[string[]]',
  'int': '[int]',
  'switch': '[switch]',
  'PSCredential': '[System.Management.Automation.PSCredential]',
  'hashtable': '[hashtable]',
  'path': '[string]',
  'credentialMap': '[hashtable]',
  'PSSession[]': '[System.Management.Automation.Runspaces.PSSession[]]',
  'AuthenticationMechanism': '[System.Management.Automation.Runspaces.AuthenticationMechanism]',
};

/** Emits one advanced function: comment-based help, CmdletBinding, typed parameters, and the call into the core. */
export function emitFunction(command: CommandDefinition): string {
  const lines: string[] = [`function ${command.name} {`];
  lines.push(...emitHelp(command).map((line) => (line === '' ? '' : INDENT + line)));
  lines.push(INDENT + emitCmdletBinding(command));
  for (const outputType of command.outputTypes) {
    lines.push(`${INDENT}[OutputType(${quotePowerShellLiteral(outputType)})]`);
  }
  lines.push(`${INDENT}param(`);
  const parameters = cmdletParameters(command);
  if (parameters.length > 0) {
    lines.push(parameters.map((parameter) => emitParameter(parameter).map((line) => INDENT + INDENT + line).join('\n')).join(',\n\n'));
  }
  lines.push(`${INDENT})`);
  const remoting = remotingParametersOf(command).map((p) => quotePowerShellLiteral(p.name)).join(', ');
  const namesOf = (type: ParameterType): string => command.parameters.filter((p) => p.type === type).map((p) => quotePowerShellLiteral(p.name)).join(', ');
  const call = (bound: string): string =>
    `Invoke-AADSyncKeyCommand -Command ${quotePowerShellLiteral(command.name)} -BoundParameters ${bound} -Cmdlet $PSCmdlet -CredentialParameter @(${namesOf('PSCredential')}) -CredentialMapParameter @(${namesOf('credentialMap')}) -PathParameter @(${namesOf('path')})${remoting.length === 0 ? '' : ` -RemotingParameter @(${remoting})`}`;
  if (command.collectPipeline === undefined) {
    lines.push(`${INDENT}process {`, `${INDENT}${INDENT}${call('$PSBoundParameters')}`, `${INDENT}}`);
  } else {
    lines.push(...emitCollectingBlocks(command.collectPipeline, call('$request')).map((line) => INDENT + line));
  }
  lines.push('}');
  return lines.join('\n');
}

// begin/process/end that gather name/credential pairs from the pipeline and make one call with all of them.
function emitCollectingBlocks(collect: NonNullable<CommandDefinition['collectPipeline']>, call: string): string[] {
  const name = quotePowerShellLiteral(collect.nameParameter);
  const credential = quotePowerShellLiteral(collect.credentialParameter);
  const into = quotePowerShellLiteral(collect.into);
  return [
    'begin { $collected = @{} }',
    'process {',
    `${INDENT}if ($PSBoundParameters.ContainsKey(${name})) {`,
    `${INDENT}${INDENT}$collected[[string]$PSBoundParameters[${name}]] = $PSBoundParameters[${credential}]`,
    `${INDENT}}`,
    '}',
    'end {',
    `${INDENT}$request = @{}`,
    `${INDENT}foreach ($key in $PSBoundParameters.Keys) { if ($key -ne ${name} -and $key -ne ${credential}) { $request[$key] = $PSBoundParameters[$key] } }`,
    `${INDENT}if ($collected.Count -gt 0) {`,
    `${INDENT}${INDENT}$merged = @{}`,
    `${INDENT}${INDENT}if ($request.ContainsKey(${into})) { foreach ($key in $request[${into}].Keys) { $merged[$key] = $request[${into}][$key] } }`,
    `${INDENT}${INDENT}foreach ($key in $collected.Keys) { $merged[$key] = $collected[$key] }`,
    `${INDENT}${INDENT}$request[${into}] = $merged`,
    `${INDENT}}`,
    `${INDENT}${call}`,
    '}',
  ];
}

// Only parameters with a Position in their definition are positional (PowerShell would number the others too).
function emitCmdletBinding(command: CommandDefinition): string {
  const settings: string[] = ['PositionalBinding = $false'];
  if (command.defaultParameterSet !== undefined) settings.push(`DefaultParameterSetName = ${quotePowerShellLiteral(command.defaultParameterSet)}`);
  if (command.confirmImpact !== undefined) {
    settings.push('SupportsShouldProcess = $true', `ConfirmImpact = ${quotePowerShellLiteral(command.confirmImpact)}`);
  }
  return `[CmdletBinding(${settings.join(', ')})]`;
}

function emitParameter(parameter: ParameterDefinition): string[] {
  const sets = parameter.parameterSets ?? [undefined];
  const lines = sets.map((set) => {
    const settings: string[] = [];
    if (parameter.mandatory === true) settings.push('Mandatory = $true');
    if (parameter.position !== undefined) settings.push(`Position = ${parameter.position}`);
    if (parameter.valueFromPipeline === true) settings.push('ValueFromPipeline = $true');
    if (parameter.valueFromPipelineByPropertyName === true) settings.push('ValueFromPipelineByPropertyName = $true');
    if (set !== undefined) settings.push(`ParameterSetName = ${quotePowerShellLiteral(set)}`);
    return `[Parameter(${settings.join(', ')})]`;
  });
  if (parameter.aliases !== undefined && parameter.aliases.length > 0) {
    lines.push(`[Alias(${parameter.aliases.map(quotePowerShellLiteral).join(', ')})]`);
  }
  if (parameter.validateSet !== undefined) {
    lines.push(`[ValidateSet(${parameter.validateSet.map(quotePowerShellLiteral).join(', ')})]`);
  }
  if (parameter.validateRange !== undefined) {
    lines.push(`[ValidateRange(${parameter.validateRange[0]}, ${parameter.validateRange[1]})]`);
  }
  // A value given must mean something: an empty -JournalPath would otherwise resolve to the current folder.
  if (parameter.type !== 'switch' && parameter.type !== 'int') {
    lines.push('[ValidateNotNullOrEmpty()]');
  }
  lines.push(POWERSHELL_TYPES[parameter.type]);
  lines.push(parameter.default === undefined ? `$${parameter.name}` : `$${parameter.name} = ${parameter.default}`);
  return lines;
}

// Comment-based help. Text lines are emitted as they are; a line that would close the block is defused.
function emitHelp(command: CommandDefinition): string[] {
  const text = (value: string): string[] => value.split('\n').map((line) => line.replace(/#>/g, '# >'));
  const lines: string[] = ['<#', '.SYNOPSIS', ...text(command.synopsis), '', '.DESCRIPTION', ...text(command.description)];
  for (const parameter of cmdletParameters(command)) {
    lines.push('', `.PARAMETER ${parameter.name}`, ...text(parameterHelp(parameter)));
  }
  if (command.confirmImpact !== undefined) {
    lines.push('', '.PARAMETER WhatIf', 'Shows what the command would do, step by step, and changes nothing.');
    lines.push('', '.PARAMETER Confirm', `Asks before each change. The command's ConfirmImpact is ${command.confirmImpact}${command.confirmImpact === 'High' ? ', so it asks by default; -Confirm:$false does not ask' : ''}.`);
  }
  command.examples.forEach((example) => {
    lines.push('', '.EXAMPLE', ...text(example.code), '', ...text(`${example.title}. ${example.remarks}`));
  });
  const pipelineInputs = command.parameters.filter((p) => p.valueFromPipelineByPropertyName === true);
  const byValue = command.parameters.filter((p) => p.valueFromPipeline === true);
  lines.push('', '.INPUTS');
  if (byValue.length > 0) lines.push(`System.String: ${byValue.map((p) => p.name).join(', ')} by value.`);
  lines.push(pipelineInputs.length === 0 ? (byValue.length > 0 ? '' : 'None') : `Objects with the properties ${pipelineInputs.map((p) => p.name).join(', ')} (by property name).`);
  lines.push('', '.OUTPUTS', ...command.outputTypes);
  for (const link of command.links) {
    lines.push('', '.LINK', link);
  }
  lines.push('#>');
  return lines;
}
