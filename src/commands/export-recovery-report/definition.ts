import type { CommandDefinition } from '../command-definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Export-AADSyncKeyRecoveryReport: a recovery's journal as a page to attach to a change ticket. */
export const exportRecoveryReportDefinition = {
  name: 'Export-AADSyncKeyRecoveryReport',
  synopsis: "Writes a recovery's journal as a readable Markdown or HTML report: steps, what each verified, times, the operator and the audit trail.",
  description: [
    'Renders the journal of one recovery (Get-AADSyncKeyRecoveryJournal lists them) for a change ticket: the server, who started it',
    'and when, the initial diagnosis, the outcome, how many times the key was abandoned, each step with its status, times, attempts,',
    'what was verified on the server and any error, and every audit event. The journal holds no secret, so neither does the report.',
    'It reads the journal file only: it does not contact the server. The format follows -Format, or the file\'s extension (.html, .htm).',
  ].join('\n'),
  parameters: [
    { name: 'RecoveryId', type: 'string', maxLength: 64, mandatory: true, position: 0, valueFromPipelineByPropertyName: true, help: 'The recovery to report on (Get-AADSyncKeyRecoveryJournal lists them).' },
    { name: 'Path', type: 'path', mandatory: true, position: 1, help: 'The report file to write.' },
    { name: 'Format', type: 'string', validateSet: ['Markdown', 'Html'], help: 'Markdown or Html. Default: Html for a .html or .htm file, Markdown otherwise.' },
    { name: 'JournalPath', type: 'path', help: 'A journal file, or a folder of journals, instead of the default folder.' },
    { name: 'Force', type: 'switch', help: 'Replace the report file if it exists.' },
  ],
  examples: [
    { title: 'A Markdown report of the last recovery', code: "Get-AADSyncKeyRecoveryJournal | Select-Object -First 1 | Export-AADSyncKeyRecoveryReport -Path '.\\recovery.md'", remarks: 'The newest recovery, by RecoveryId from the pipeline.' },
    {
      title: 'An HTML report by id',
      code: "$unfinished = Get-AADSyncKeyRecoveryJournal -Unfinished | Select-Object -First 1\nExport-AADSyncKeyRecoveryReport -RecoveryId $unfinished.RecoveryId -Path '.\\recovery.html' -Force",
      remarks: 'HTML because of the extension; -Force replaces an earlier report.',
    },
  ],
  outputTypes: [OUTPUT_TYPE.RecoveryReport],
  links: ['Get-AADSyncKeyRecoveryJournal', 'Invoke-AADSyncKeyRecovery'],
  confirmImpact: 'Low',
  locksServer: false,
  views: [
    {
      typeName: OUTPUT_TYPE.RecoveryReport,
      kind: 'table',
      columns: [
        { label: 'RecoveryId', property: 'RecoveryId', width: 24 },
        { label: 'Format', property: 'Format', width: 8 },
        { label: 'Path', property: 'Path' },
      ],
    },
  ],
} as const satisfies CommandDefinition;
