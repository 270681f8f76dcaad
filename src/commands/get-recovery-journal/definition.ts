import type { CommandDefinition } from '../command-definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Get-AADSyncKeyRecoveryJournal: the audit trail of recoveries. */
export const getRecoveryJournalDefinition = {
  name: 'Get-AADSyncKeyRecoveryJournal',
  synopsis: 'Lists past and unfinished key recoveries from their journals: who, when, which steps, and the outcome.',
  description: [
    'Reads the journals Invoke-AADSyncKeyRecovery writes (default folder: %ProgramData%\\AADSyncKey\\journals on Windows,',
    '~/.local/state/aadsynckey/journals elsewhere, or AADSYNCKEY_DATA_DIR\\journals), newest first. Each object has the steps with their',
    'status, times and what was verified, and the audit events. A journal that cannot be read is reported as a warning and skipped.',
    'It reads files only; it does not contact the server.',
  ].join('\n'),
  parameters: [
    { name: 'RecoveryId', type: 'string', position: 0, help: 'Only the recovery with this id.' },
    { name: 'Unfinished', type: 'switch', help: 'Only unfinished recoveries (running, failed or stopped): the ones a rerun would continue (not succeeded, superseded or cancelled ones).' },
    { name: 'JournalPath', type: 'path', help: 'A journal file, or a folder of journals, instead of the default folder.' },
  ],
  examples: [
    { title: 'The audit trail', code: 'Get-AADSyncKeyRecoveryJournal', remarks: 'Every recovery recorded on this machine, newest first.' },
    { title: 'What is unfinished, step by step', code: 'Get-AADSyncKeyRecoveryJournal -Unfinished | Select-Object -ExpandProperty Steps | Format-Table Number, Step, Status, Attempts, Error', remarks: 'Shows where a failed or interrupted recovery stopped.' },
  ],
  outputTypes: [OUTPUT_TYPE.RecoveryJournal],
  links: ['Invoke-AADSyncKeyRecovery'],
  views: [
    {
      typeName: OUTPUT_TYPE.RecoveryJournal,
      kind: 'table',
      columns: [
        { label: 'RecoveryId', property: 'RecoveryId', width: 24 },
        { label: 'ComputerName', property: 'ComputerName', width: 14 },
        { label: 'Outcome', property: 'Outcome', width: 10 },
        { label: 'StartedBy', property: 'StartedBy', width: 12 },
        { label: 'StartedAt', property: 'StartedAt', width: 24 },
        { label: 'Progress', property: 'Progress', width: 14 },
        { label: 'StoppedAt', property: 'StoppedAt' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
