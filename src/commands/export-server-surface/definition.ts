import type { CommandDefinition } from '../command-definition.js';
import { READ_TIMEOUT_PARAMETER } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Export-AADSyncServerSurface: what a real server's commands look like, for a bug report or a test fixture. */
export const exportServerSurfaceDefinition = {
  name: 'Export-AADSyncServerSurface',
  synopsis: "Writes the server's command surface to a JSON file, without secrets: versions, the ADSync cmdlets' syntax, events seen, build sources.",
  description: [
    'Reads, and never changes, what this module relies on from the server, and writes it to a file an administrator can attach to a',
    'bug report: the PowerShell version and edition, the module that provides the ADSync commands and its version, the syntax of every',
    'ADSync cmdlet the module calls (parameter sets, names, types, mandatory, positions), whether the product registry key has a Version,',
    'where the build was read from, and which event providers and ids the Application and System logs hold (counts only, no message',
    'text). No password, account secret or event text is written. The simulator can be built from the file',
    '(New-SimADSyncServer -Surface), so a real server\'s surface becomes a test fixture.',
  ].join('\n'),
  parameters: [
    { name: 'Path', type: 'path', mandatory: true, position: 0, help: 'The JSON file to write.' },
    { name: 'Force', type: 'switch', help: 'Replace the file if it exists.' },
    READ_TIMEOUT_PARAMETER,
  ],
  examples: [
    { title: 'Capture the surface for a bug report', code: "Export-AADSyncServerSurface -Path '.\\aadc01-surface.json'", remarks: 'Writes the file in the current folder and returns what it wrote.' },
    { title: 'Replace an earlier capture', code: "Export-AADSyncServerSurface -Path '.\\aadc01-surface.json' -Force", remarks: 'Overwrites the file.' },
  ],
  outputTypes: [OUTPUT_TYPE.ServerSurface],
  links: ['Get-AADSyncServerState', 'Test-AADSyncEncryptionKey'],
  confirmImpact: 'Low',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.ServerSurface,
      kind: 'list',
      columns: [
        { label: 'Path', property: 'Path' },
        { label: 'ComputerName', property: 'ComputerName' },
        { label: 'PowerShell', property: 'PowerShell' },
        { label: 'ADSyncModule', property: 'ADSyncModule' },
        { label: 'Build', property: 'Build' },
        { label: 'BuildSource', property: 'BuildSource' },
        { label: 'MissingParameters', script: '@($_.MissingParameters) -join \', \'' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
