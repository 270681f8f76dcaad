import type { CommandDefinition } from '../command-definition.js';
import { commandTimeoutParameter } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Set-AADSyncConnectorCredential: step 4 of the runbook for one AD connector. */
export const setConnectorCredentialDefinition = {
  name: 'Set-AADSyncConnectorCredential',
  synopsis: 'Stores the AD DS account password of an AD connector, or resets it with an Enterprise Admin credential.',
  description: [
    'After the key was abandoned, every AD connector needs the password of its AD DS account again. With -Credential the known',
    'password is stored (the connector is read with Get-ADSyncConnector and saved with Add-ADSyncConnector); a DOMAIN\\user or',
    'user@domain name also sets the account the connector signs in with. With -EnterpriseAdminCredential, Add-ADSyncADDSConnectorAccount',
    'resets the AD DS account\'s password in AD to a new one that only the service knows.',
    '',
    'Connectors come by name or through the pipeline by property name (ConnectorName or Name), so several connectors, each with its',
    'own credential, can be set in one pipeline. Unknown names, connectors that are not AD, and empty passwords are refused before',
    'anything changes. The ADSync service must be running (the ADSync cmdlets talk to it). The password never appears in verbose output.',
    '',
    'A known password is then tested the way the service uses it: one Delta Import run of the connector (Invoke-ADSyncRunProfile), whose',
    'result says whether the account can sign in; no-start-credentials is a ConnectorCredentialRejected error, not a success (-SkipVerification',
    'leaves the test out). A credential whose user differs from the account the connector signs in with is stored with a warning; one of',
    'another domain is refused (ConnectorAccountChange) unless -Force says the connector is to move to that account.',
  ].join('\n'),
  defaultParameterSet: 'KnownPassword',
  parameters: [
    { name: 'ConnectorName', type: 'string', maxLength: 256, mandatory: true, position: 0, valueFromPipelineByPropertyName: true, aliases: ['Name'], help: 'The AD connector (normally named after its forest).' },
    { name: 'Credential', type: 'PSCredential', mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['KnownPassword'], help: 'The AD DS connector account and its current password, as DOMAIN\\user or user@domain.' },
    { name: 'EnterpriseAdminCredential', type: 'PSCredential', mandatory: true, parameterSets: ['ResetPassword'], help: 'An Enterprise Admin of the connector\'s forest: the AD DS account\'s password is reset to a new random one and stored.' },
    { name: 'Force', type: 'switch', help: 'Store the credential even though its account is of another domain than the one the connector signs in with now (moving the connector to that account).' },
    { name: 'SkipVerification', type: 'switch', help: 'Do not test the stored password with a Delta Import run of the connector (the test is the default: a password the account cannot sign in with is an error, not a success).' },
    commandTimeoutParameter(120),
    { name: 'PassThru', type: 'switch', help: 'Write the result object. Without it the command writes nothing when it succeeds, as PowerShell\'s own Set- and Start- cmdlets do.' },
  ],
  examples: [
    { title: 'Store a known password', code: "Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential (Get-Credential 'CONTOSO\\MSOL_1a2b3c4d5e6f')", remarks: 'Stores the AD DS account password of the contoso.com connector.' },
    {
      title: 'Several forests in one pipeline',
      code: "$passwords = @{ 'contoso.com' = $contosoCredential; 'fabrikam.com' = $fabrikamCredential }\nGet-AADSyncConnector -Type AD | ForEach-Object { [pscustomobject]@{ ConnectorName = $_.Name; Credential = $passwords[$_.Name] } } | Set-AADSyncConnectorCredential",
      remarks: 'Each AD connector gets its own credential, bound by property name.',
    },
    { title: 'Reset with an Enterprise Admin', code: "Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -EnterpriseAdminCredential (Get-Credential 'FABRIKAM\\admin')", remarks: 'Add-ADSyncADDSConnectorAccount resets the account\'s password; nobody needs to know it.' },
  ],
  outputTypes: [OUTPUT_TYPE.ConnectorCredentialResult],
  links: ['Get-AADSyncConnector', 'Remove-AADSyncEncryptionKey', 'Start-AADSyncService', 'Invoke-AADSyncKeyRecovery'],
  confirmImpact: 'Medium',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.ConnectorCredentialResult,
      kind: 'table',
      columns: [
        { label: 'ConnectorName', property: 'ConnectorName', width: 28 },
        { label: 'Mode', property: 'Mode', width: 8 },
        { label: 'Account', property: 'Account', width: 32 },
        { label: 'Stored', property: 'Stored', width: 7 },
        { label: 'Verified', property: 'Verified', width: 9 },
      ],
    },
  ],
} as const satisfies CommandDefinition;
