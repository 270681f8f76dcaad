import type { RecoveryJournal } from './journal-types.js';

/** The formats a report is written in. */
export type ReportFormat = 'Markdown' | 'Html';

interface ReportTable {
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
}

function facts(journal: RecoveryJournal): Array<[string, string]> {
  return [
    ['Recovery', journal.recoveryId],
    ['Server', `${journal.server.computerName} (${journal.server.installLocation})`],
    ['Started by', journal.startedBy],
    ['Started', journal.startedAt],
    ['Ended', journal.endedAt ?? 'not ended'],
    ['Outcome', journal.status],
    ['Initial diagnosis', `${journal.initialDiagnosis.status}: ${journal.initialDiagnosis.summary}`],
    ['Forced', journal.forced ? 'yes' : 'no'],
    ['Key abandoned', `${journal.keyAbandonCount} time(s)`],
    ['Connectors from', journal.connectorSource ?? 'not recorded'],
  ];
}

function tables(journal: RecoveryJournal): { steps: ReportTable; events: ReportTable } {
  return {
    steps: {
      headers: ['#', 'Step', 'Status', 'Started', 'Ended', 'Attempts', 'Verified', 'Error'],
      rows: journal.steps.map((step, index) => [String(index + 1), step.id, step.status, step.startedAt ?? '', step.endedAt ?? '', String(step.attempts), step.verified ?? '', step.error === null ? '' : `${step.error.code}: ${step.error.message}`]),
    },
    events: { headers: ['At', 'By', 'Event', 'Step'], rows: journal.events.map((e) => [e.at, e.by, e.event, e.step ?? '']) },
  };
}

// Markdown table cells: a pipe or a line break would end the cell.
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownTable(table: ReportTable): string[] {
  return [`| ${table.headers.join(' | ')} |`, `| ${table.headers.map(() => '---').join(' | ')} |`, ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlTable(table: ReportTable): string[] {
  return [
    '<table>',
    `<tr>${table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`,
    ...table.rows.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`),
    '</table>',
  ];
}

/** A recovery's journal as a report for a change ticket. The journal holds no secret, so the report holds none. */
export function renderRecoveryReport(journal: RecoveryJournal, format: ReportFormat): string {
  const { steps, events } = tables(journal);
  const title = `Key recovery ${journal.recoveryId} of ${journal.server.computerName}`;
  if (format === 'Markdown') {
    return [`# ${title}`, '', ...facts(journal).map(([name, value]) => `- **${name}:** ${cell(value)}`), '', '## Steps', '', ...markdownTable(steps), '', '## Audit trail', '', ...markdownTable(events), ''].join('\n');
  }
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}</style></head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    '<dl>',
    ...facts(journal).map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`),
    '</dl>',
    '<h2>Steps</h2>',
    ...htmlTable(steps),
    '<h2>Audit trail</h2>',
    ...htmlTable(events),
    '</body></html>',
    '',
  ].join('\n');
}
