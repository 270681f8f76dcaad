import type { CommandDefinition } from '../command-definition.js';
import { READ_TIMEOUT_PARAMETER } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Stop-AADSyncKeyRecovery: closes an unfinished recovery, so that a new one can start. */
export const stopKeyRecoveryDefinition = {
  name: 'Stop-AADSyncKeyRecovery',
  synopsis: 'Cancels an unfinished key recovery: closes its journal with who, when and why, and says what state the server is left in.',
  description: [
    'An unfinished recovery (Failed, Stopped or interrupted) is continued by the next Invoke-AADSyncKeyRecovery. When it should not be',
    '(the server was repaired another way, or the admin wants to start over), this cancels it: its journal is marked Cancelled, with the',
    'operator, the time and -Reason in its events, and the server-wide lock is released. It changes nothing on the server. The result says',
    'honestly where the server stands: whether the recovery had abandoned the key, which AD connectors and whether the Azure AD account',
    'still need their credentials entered again, the current diagnosis and the next step. A running recovery cannot be cancelled from',
    'another window (RecoveryInProgress); stop it with Ctrl+C first. Without -RecoveryId or -JournalPath, this server\'s newest unfinished',
    'recovery is cancelled.',
  ].join('\n'),
  parameters: [
    { name: 'RecoveryId', type: 'string', maxLength: 64, position: 0, valueFromPipelineByPropertyName: true, help: 'The recovery to cancel (Get-AADSyncKeyRecoveryJournal -Unfinished lists them). Default: this server\'s newest unfinished one.' },
    { name: 'JournalPath', type: 'path', help: 'The journal file of the recovery to cancel, where it was kept with -JournalPath.' },
    { name: 'Reason', type: 'string', maxLength: 1000, mandatory: true, help: 'Why it is cancelled, for the audit trail (for example: "repaired by hand with the step cmdlets").' },
    READ_TIMEOUT_PARAMETER,
  ],
  examples: [
    { title: 'Cancel this server\'s unfinished recovery', code: "Stop-AADSyncKeyRecovery -Reason 'Wrong forest names typed; starting over'", remarks: 'Closes the newest unfinished recovery of this server and shows what is left to do.' },
    {
      title: 'Cancel a recovery found in the journal listing',
      code: "Get-AADSyncKeyRecoveryJournal -Unfinished | Select-Object -First 1 | Stop-AADSyncKeyRecovery -Reason 'Repaired by hand' -Confirm:$false",
      remarks: 'The recovery id is taken from the piped journal object by property name.',
    },
  ],
  outputTypes: [OUTPUT_TYPE.RecoveryCancellation],
  links: ['Invoke-AADSyncKeyRecovery', 'Get-AADSyncKeyRecoveryJournal', 'Test-AADSyncEncryptionKey'],
  confirmImpact: 'Medium',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.RecoveryCancellation,
      kind: 'list',
      columns: [
        { label: 'RecoveryId', property: 'RecoveryId' },
        { label: 'ComputerName', property: 'ComputerName' },
        { label: 'Outcome', property: 'Outcome' },
        { label: 'CancelledBy', property: 'CancelledBy' },
        { label: 'Reason', property: 'Reason' },
        { label: 'KeyAbandoned', property: 'KeyAbandoned' },
        { label: 'ConnectorsStillToDo', script: '@($_.ConnectorsStillToDo) -join \', \'' },
        { label: 'AADServiceAccountStillToDo', property: 'AADServiceAccountStillToDo' },
        { label: 'ServerStatus', property: 'ServerStatus' },
        { label: 'NextStep', property: 'NextStep' },
        { label: 'JournalPath', property: 'JournalPath' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
