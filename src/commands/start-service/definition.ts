import type { CommandDefinition } from '../command-definition.js';
import { timeoutParameter } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Start-AADSyncService: start, verify the key, and prove sync works with a delta cycle. */
export const startServiceDefinition = {
  name: 'Start-AADSyncService',
  synopsis: 'Starts the ADSync service, checks that its key is readable, and verifies sync with a delta cycle.',
  description: [
    'Starts the Microsoft Azure AD Sync service if it is not running and waits for it to run; then checks that no new',
    'event 6028 ("The server encryption key cannot be accessed.") was logged since the start, and runs a delta sync',
    'cycle (Start-ADSyncSyncCycle -PolicyType Delta) and judges every run of it: Delta Import, Delta Synchronization and',
    'Export of each connector. success and every completed-* result (completed-no-objects, completed-export-errors,',
    'completed-sync-errors, completed-*-warnings) mean the connector ran; only a run that could not sign in',
    '(no-start-credentials; stopped-extension-dll-exception on the Azure AD connector) or connect (no-start-connection,',
    'stopped-connectivity, stopped-server-down) is an error. Object errors are warnings. A cycle that is already running',
    'is waited for, not an error. Returns an AADSyncKey.ServiceVerification object; a failed start is a terminating',
    'ServiceStartFailed error that says why (key, logon, or other) and what to do.',
  ].join(' '),
  parameters: [
    timeoutParameter(120, 'How long to wait for the service to run and for the sync cycle to finish.'),
    { name: 'SkipSyncCycle', type: 'switch', help: 'Start and check the service, but run no sync cycle.' },
    { name: 'PassThru', type: 'switch', help: 'Write the result object. Without it the command writes nothing when it succeeds, as PowerShell\'s own Set- and Start- cmdlets do.' },
  ],
  examples: [
    { title: 'Start the service and verify sync', code: 'Start-AADSyncService', remarks: 'Starts ADSync, checks for event 6028, runs a delta cycle and judges each connector\'s runs.' },
    { title: 'See every run of the cycle', code: 'Start-AADSyncService -PassThru | Select-Object -ExpandProperty ConnectorResults', remarks: 'One line per connector: Ran, CredentialRejected, Unreachable or NoRun, with its runs and their results.' },
    { title: 'Start without syncing', code: 'Start-AADSyncService -SkipSyncCycle -TimeoutSeconds 60', remarks: 'Useful before re-entering credentials, which need the service running.' },
    { title: 'Preview', code: 'Start-AADSyncService -WhatIf', remarks: 'Says what would be done and changes nothing.' },
  ],
  outputTypes: [OUTPUT_TYPE.ServiceVerification],
  links: ['Test-AADSyncEncryptionKey', 'Get-AADSyncConnector'],
  confirmImpact: 'Medium',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.ServiceVerification,
      kind: 'list',
      columns: [
        { label: 'ServiceStatus', property: 'ServiceStatus' },
        { label: 'StartedNow', property: 'StartedNow' },
        { label: 'KeyEventsSinceStart', property: 'KeyEventsSinceStart' },
        { label: 'SyncCycle', property: 'SyncCycle' },
        { label: 'Succeeded', property: 'Succeeded' },
        { label: 'FailedConnectors', script: '@($_.FailedConnectors) -join ", "' },
        { label: 'ConnectorResults', script: '(@($_.ConnectorResults) | ForEach-Object { $_.Connector + ": " + $_.Result + " (" + $_.Runs + ")" }) -join [Environment]::NewLine' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
