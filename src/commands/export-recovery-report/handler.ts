import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { journalFilesUnder, readJournal } from '../../recovery/journal-store.js';
import { recoveryFolders } from '../../recovery/recovery-folders.js';
import { renderRecoveryReport, type ReportFormat } from '../../recovery/recovery-report.js';
import { writeFileAtomically } from '../../server/atomic-file.js';
import type { ParametersOf } from '../parameter-values.js';
import type { exportRecoveryReportDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Export-AADSyncKeyRecoveryReport: find the journal, render it, write it whole. */
export async function exportRecoveryReport(context: CommandContext<ParametersOf<typeof exportRecoveryReportDefinition>>): Promise<void> {
  const { RecoveryId: recoveryId, Path: path, JournalPath: journalPath, Force: force } = context.parameters;
  const format: ReportFormat = context.parameters.Format ?? (['.html', '.htm'].includes(extname(path).toLowerCase()) ? 'Html' : 'Markdown');
  const found = journalFilesUnder(journalPath ?? recoveryFolders(context.dataFolder).journals).map((file) => ({ file, journal: readJournal(file) })).find(({ journal }) => journal.recoveryId === recoveryId);
  if (found === undefined) {
    throw new AADSyncKeyError('RecoveryNotFound', `No recovery journal has the id '${recoveryId}'; nothing was written. Get-AADSyncKeyRecoveryJournal lists them.`, { target: recoveryId });
  }
  if (existsSync(path) && force !== true) {
    throw new AADSyncKeyError('FileExists', `The file '${path}' exists; nothing was written. Use -Force to replace it, or choose another path.`, { target: path });
  }
  if (!(await context.shouldProcess(path, `Write the ${format} report of recovery ${recoveryId}`))) return;
  writeFileAtomically(path, renderRecoveryReport(found.journal, format), 'the report');
  await Promise.resolve();
  context.streams.output(OUTPUT_TYPE.RecoveryReport, { RecoveryId: recoveryId, Format: format, Path: path, JournalPath: found.file });
}
