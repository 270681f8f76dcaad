import type { CommandDefinition } from '../command-definition.js';
import { READ_TIMEOUT_PARAMETER } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Test-AADSyncEncryptionKey: is the key readable and the service able to run; with -Detailed, the diagnosis. */
export const testEncryptionKeyDefinition = {
  name: 'Test-AADSyncEncryptionKey',
  synopsis: 'Tests whether the ADSync encryption key is readable and the sync service runs; -Detailed returns the diagnosis.',
  description: [
    'Reads the server (never changes it) and tells apart the failures that look alike: an unreadable encryption key',
    '(event 6028, service-specific error 0x80231000), a wrong service account password in the Service Control Manager',
    '(error 1069, event 7038), AD DS connector credentials that fail (no-start-credentials, event 6000), a stale Azure AD',
    'service account password (events 6900/659, AADSTS50054), and MFA or Conditional Access on the Sync_ account (event 906).',
    'Returns $true when the service runs and nothing says its key is unreadable, $false otherwise.',
    'With -Detailed it returns an AADSyncKey.Diagnosis object: the status, the evidence, the recommended action, and whether',
    'abandoning the key is the fix. A logon failure is never answered with abandoning the key.',
  ].join(' '),
  parameters: [
    { name: 'Detailed', type: 'switch', help: 'Return the diagnosis object instead of $true or $false.' },
    READ_TIMEOUT_PARAMETER,
  ],
  examples: [
    { title: 'Check the key', code: 'Test-AADSyncEncryptionKey', remarks: 'Returns $true when the service runs and its key is readable.' },
    {
      title: 'See what is wrong and what to do',
      code: 'Test-AADSyncEncryptionKey -Detailed | Format-List',
      remarks: 'Shows the status (for example KeyInaccessible or ServiceLogonFailure), the evidence, and the recommended action.',
    },
    {
      title: 'Guard a script',
      code: "if (-not (Test-AADSyncEncryptionKey)) { Test-AADSyncEncryptionKey -Detailed | Select-Object -ExpandProperty Evidence }",
      remarks: 'Lists the events and exit codes behind a failed test.',
    },
  ],
  outputTypes: ['System.Boolean', OUTPUT_TYPE.Diagnosis],
  links: ['Get-AADSyncServerState', 'about_AADSyncKey'],
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.Diagnosis,
      kind: 'list',
      columns: [
        { label: 'Status', property: 'Status' },
        { label: 'Summary', property: 'Summary' },
        { label: 'RecommendedAction', property: 'RecommendedAction' },
        { label: 'AbandonKeyRunbookApplies', property: 'AbandonKeyRunbookApplies' },
        { label: 'Build', property: 'Build' },
        { label: 'BuildSupported', property: 'BuildSupported' },
        { label: 'IdentityType', property: 'IdentityType' },
        { label: 'BuildGuidance', property: 'BuildGuidance' },
        { label: 'AffectedConnectors', script: '@($_.AffectedConnectors) -join ", "' },
        { label: 'Evidence', script: '(@($_.Evidence) | ForEach-Object { if ($_.Id -ne $null) { "[" + $_.Source + " " + $_.Id + "] " + $_.Text } else { "[" + $_.Source + "] " + $_.Text } }) -join [Environment]::NewLine' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
