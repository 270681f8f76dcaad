import type { CommandDefinition } from '../command-definition.js';
import { READ_TIMEOUT_PARAMETER } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Get-AADSyncConnector: the sync connectors, typed, ready to pipe into the credential cmdlets. */
export const getConnectorDefinition = {
  name: 'Get-AADSyncConnector',
  synopsis: 'Gets the connectors of the sync server, with their forest, login account and credential state.',
  description: [
    'Lists the Active Directory and Azure AD connectors of the Microsoft Azure AD Sync service. Each object has Name,',
    'Identifier, Type (AD or AzureAD), Forest, LoginUser, LoginDomain, and CredentialState, read from the latest run:',
    'Invalid after a run that failed with no-start-credentials, Valid after a successful one, Unknown without a run.',
    'Passwords are never read. The objects pipe by property name into the cmdlets that take -ConnectorName.',
    'Needs the ADSync service running.',
  ].join(' '),
  parameters: [
    {
      name: 'Name',
      type: 'string[]',
      position: 0,
      valueFromPipeline: true,
      valueFromPipelineByPropertyName: true,
      aliases: ['ConnectorName'],
      help: 'Connector names, such as contoso.com, or wildcards (contoso*). Without it, every connector. A name without a wildcard that no connector has is a ConnectorNotFound error that does not stop the others (-ErrorAction decides).',
    },
    { name: 'Type', type: 'string', validateSet: ['AD', 'AzureAD'], help: 'Only connectors of this type.' },
    READ_TIMEOUT_PARAMETER,
  ],
  examples: [
    { title: 'List every connector', code: 'Get-AADSyncConnector', remarks: 'Shows each connector with its type, forest, login account and credential state.' },
    { title: 'The Active Directory connectors only', code: 'Get-AADSyncConnector -Type AD', remarks: 'One connector per forest: each needs its own AD DS account password after the key is abandoned.' },
    { title: 'One connector by name', code: "Get-AADSyncConnector -Name 'contoso.com' | Format-List", remarks: 'Writes a ConnectorNotFound error when no connector has that name.' },
    { title: 'Several names, wildcards and the pipeline', code: "'contoso.com', 'fabrikam*' | Get-AADSyncConnector -ErrorAction SilentlyContinue", remarks: 'Each name from the pipeline; a wildcard that matches nothing is no error.' },
  ],
  outputTypes: [OUTPUT_TYPE.Connector],
  links: ['Get-AADSyncServerState', 'Test-AADSyncEncryptionKey'],
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.Connector,
      kind: 'table',
      columns: [
        { label: 'Name', property: 'Name', width: 32 },
        { label: 'Type', property: 'Type', width: 8 },
        { label: 'Forest', property: 'Forest', width: 20 },
        { label: 'Login', property: 'Login' },
        { label: 'CredentialState', property: 'CredentialState', width: 15 },
      ],
    },
  ],
} as const satisfies CommandDefinition;
