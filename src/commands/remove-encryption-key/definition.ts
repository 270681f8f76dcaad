import type { CommandDefinition } from '../command-definition.js';
import { timeoutParameter } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Remove-AADSyncEncryptionKey: step 1 and 2 of the runbook, stop the service and abandon the key. */
export const removeEncryptionKeyDefinition = {
  name: 'Remove-AADSyncEncryptionKey',
  synopsis: 'Stops the ADSync service and abandons its encryption key with miiskmu.exe /a.',
  description: [
    'Abandons the key set the sync service encrypts its stored credentials with, for a server whose key DPAPI can no longer',
    'unprotect (event 6028, "The server encryption key cannot be accessed."). It stops the ADSync service first, because',
    'miiskmu.exe /a refuses while it runs (error 80131600), and says so; then runs miiskmu.exe /a from the install folder and',
    'records the abandon on the server. No public source records miiskmu\'s exit codes, so its exit code is only its claim: the',
    'proof is the next start of the service, which makes a new key (Start-AADSyncService, or the recovery\'s next step).',
    '',
    'It refuses (KeyNotLost) when the diagnosis is not key loss, because abandoning a readable key only destroys every stored',
    'credential; -Force overrides that. Next steps: Start-AADSyncService -SkipSyncCycle (a new key is made), then',
    'Set-AADSyncConnectorCredential for each AD connector and Reset-AADSyncAADServiceAccount; Invoke-AADSyncKeyRecovery does all of it.',
  ].join('\n'),
  parameters: [
    { name: 'Force', type: 'switch', help: 'Abandon the key even though the diagnosis does not show key loss. Every stored credential must then be entered again.' },
    timeoutParameter(60, 'How long to wait for the service to stop and for miiskmu.exe /a.'),
  ],
  examples: [
    { title: 'Abandon a lost key', code: 'Remove-AADSyncEncryptionKey', remarks: 'Asks for confirmation (ConfirmImpact High), stops ADSync, abandons the key and shows which connectors need their passwords again.' },
    { title: 'Preview', code: 'Remove-AADSyncEncryptionKey -WhatIf', remarks: 'Says what would be done; the service keeps running and the key is untouched.' },
    { title: 'Abandon a key that still reads', code: 'Remove-AADSyncEncryptionKey -Force -Confirm:$false', remarks: 'For a key known to be compromised or about to be replaced; every credential must then be entered again.' },
  ],
  outputTypes: [OUTPUT_TYPE.KeyRemoval],
  links: ['Test-AADSyncEncryptionKey', 'Start-AADSyncService', 'Set-AADSyncConnectorCredential', 'Reset-AADSyncAADServiceAccount', 'Invoke-AADSyncKeyRecovery'],
  confirmImpact: 'High',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.KeyRemoval,
      kind: 'list',
      columns: [
        { label: 'ComputerName', property: 'ComputerName' },
        { label: 'ServiceStoppedNow', property: 'ServiceStoppedNow' },
        { label: 'KeyAbandoned', property: 'KeyAbandoned' },
        { label: 'CredentialsReadable', property: 'CredentialsReadable' },
        { label: 'ConnectorsToReenter', script: '@($_.ConnectorsToReenter) -join ", "' },
        { label: 'NextStep', property: 'NextStep' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
