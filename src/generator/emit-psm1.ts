import type { CommandDefinition } from '../commands/command-definition.js';
import { quotePowerShellLiteral } from '../session/quoting.js';
import { emitFunction } from './emit-function.js';
import { generatedHeader } from './generated-header.js';

/** Emits AADSyncKey.psm1: the hand-written bridge is dot-sourced, then one function per command. */
export function emitPsm1(commands: readonly CommandDefinition[]): string {
  return [
    generatedHeader('#'),
    '',
    '# The bridge (hand-written, psmodule/bridge) starts the Node core once per PowerShell session and relays each call.',
    ". (Join-Path $PSScriptRoot 'bridge/CoreBridge.ps1')",
    '',
    ...commands.map((command) => `${emitFunction(command)}\n`),
    `Export-ModuleMember -Function @(${commands.map((command) => quotePowerShellLiteral(command.name)).join(', ')})`,
    '',
  ].join('\n');
}
