import type { CommandDefinition } from '../command-definition.js';
import { READ_TIMEOUT_PARAMETER } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Get-AADSyncServerState: a read-only picture of the sync server. */
export const getServerStateDefinition = {
  name: 'Get-AADSyncServerState',
  synopsis: 'Gets the state of the Azure AD Connect sync server: install, build, service, connectors and key-related events.',
  description: [
    'Reads, and never changes, what matters for the encryption key of the Microsoft Azure AD Sync service (ADSync):',
    'the install location and build, the service state, account and last exit codes, the connectors (name, type, forest,',
    'login user and domain; never a password), the identity type of the Azure AD connector, staging mode, and the',
    'key-related events (6028, 7000, 7024, 7038, 6000, 6900, 659, 906) since the service last started.',
    'Connector, identity and staging details need the service running; when it is not, ConnectorsUnavailableReason says so.',
  ].join(' '),
  parameters: [
    READ_TIMEOUT_PARAMETER,
  ],
  examples: [
    {
      title: 'Show the state of this server',
      code: 'Get-AADSyncServerState',
      remarks: 'Shows the build, the service state and exit codes, and how many key-related events were logged since the last start.',
    },
    {
      title: 'List the key-related events',
      code: 'Get-AADSyncServerState | Select-Object -ExpandProperty Events | Format-Table Id, TimeCreated, Message -Wrap',
      remarks: 'Lists the events since the service last started, such as 6028 "The server encryption key cannot be accessed."',
    },
    {
      title: 'Show every connector with its forest and login account',
      code: '(Get-AADSyncServerState).Connectors | Format-Table Name, Type, Forest, LoginDomain, LoginUser',
      remarks: 'Lists the connectors; their passwords are never read.',
    },
  ],
  outputTypes: [OUTPUT_TYPE.ServerState],
  links: ['about_AADSyncKey', 'Test-AADSyncEncryptionKey'],
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.ServerState,
      kind: 'table',
      columns: [
        { label: 'ComputerName', property: 'ComputerName', width: 14 },
        { label: 'Build', property: 'Build', width: 11 },
        { label: 'ServiceStatus', property: 'ServiceStatus', width: 13 },
        { label: 'ExitCode', property: 'ExitCode', width: 8 },
        { label: 'ServiceSpecificExitCode', script: 'if ($null -ne $_.ServiceSpecificExitCode) { "0x{0:X8}" -f ([uint32]([int64]$_.ServiceSpecificExitCode -band 0xFFFFFFFF)) }', width: 23 },
        { label: 'Connectors', script: 'if ($null -eq $_.Connectors) { "?" } else { @($_.Connectors).Count }', width: 10 },
        { label: 'AzureADIdentityType', property: 'AzureADIdentityType', width: 19 },
        { label: 'Events', script: '(@($_.Events) | ForEach-Object { $_.Id }) -join ","' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
