import type { CommandDefinition } from '../command-definition.js';
import { commandTimeoutParameter } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Reset-AADSyncAADServiceAccount: step 5 of the runbook. */
export const resetAADServiceAccountDefinition = {
  name: 'Reset-AADSyncAADServiceAccount',
  synopsis: 'Reinitializes the Azure AD service account (Sync_*) of the sync service with a Hybrid Identity Administrator credential.',
  description: [
    'Runs Add-ADSyncAADServiceAccount, which resets the password of the Sync_ account the Azure AD connector signs in with and',
    'stores it with the current key: after the key was abandoned, this is how the Azure AD connector gets a readable credential again.',
    'With -Name it creates or updates that account.',
    '',
    'If the Azure AD connector signs in with an application (certificate) identity (builds 2.5.3.0 and later), there is no service',
    'account to reset and the cmdlet refuses (ApplicationIdentityInUse): there Add-ADSyncAADServiceAccount is Microsoft\'s rollback to the',
    'legacy service account (Invoke-AADSyncKeyRecovery -RollbackToServiceAccount runs that rollback). When the identity cannot be read',
    '(Get-ADSyncEntraConnectorCredential fails), it refuses too (AADIdentityUnknown) unless -Force says the server uses the service account.',
    'Azure AD sign-in failures are distinct errors: a wrong',
    'user name or password is AzureADSignInFailed (AADSTS50126), MFA or Conditional Access is AzureADMfaRequired (AADSTS50076).',
    'The ADSync service must be running.',
  ].join('\n'),
  parameters: [
    { name: 'AADCredential', type: 'PSCredential', mandatory: true, position: 0, help: 'A Hybrid Identity Administrator (the least role Microsoft names) or Global Administrator of the tenant, as user@tenant.onmicrosoft.com.' },
    { name: 'Name', type: 'string', maxLength: 256, position: 1, help: 'The Sync_ account to create or update; without it the connector\'s current account is reset.' },
    { name: 'Force', type: 'switch', help: 'Run Add-ADSyncAADServiceAccount although the sign-in identity cannot be read. Only when you know the server signs in with the legacy service account: on an application identity it is a rollback.' },
    commandTimeoutParameter(180),
    { name: 'PassThru', type: 'switch', help: 'Write the result object. Without it the command writes nothing when it succeeds, as PowerShell\'s own Set- and Start- cmdlets do.' },
  ],
  examples: [
    { title: 'Reset the Sync_ account', code: "Reset-AADSyncAADServiceAccount -AADCredential (Get-Credential 'admin@contoso.onmicrosoft.com')", remarks: 'Resets the Azure AD connector\'s account password and stores it with the new key.' },
    { title: 'Preview', code: 'Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -WhatIf', remarks: 'Checks the service and the identity type, says what would be done, changes nothing.' },
    { title: 'Name the account', code: "Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Name 'Sync_AADC01_1a2b3c4d5e6f@contoso.onmicrosoft.com'", remarks: 'Creates or updates that Sync_ account.' },
  ],
  outputTypes: [OUTPUT_TYPE.AADServiceAccountResult],
  links: ['Set-AADSyncConnectorCredential', 'Start-AADSyncService', 'Invoke-AADSyncKeyRecovery'],
  confirmImpact: 'Medium',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.AADServiceAccountResult,
      kind: 'table',
      columns: [
        { label: 'ConnectorName', property: 'ConnectorName', width: 30 },
        { label: 'ServiceAccount', property: 'ServiceAccount', width: 50 },
        { label: 'ResetBy', property: 'ResetBy', width: 34 },
      ],
    },
  ],
} as const satisfies CommandDefinition;
