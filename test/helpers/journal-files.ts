import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A journal as a test watches it on disk while a recovery runs. */
export interface JournalView {
  readonly status: string;
  readonly steps: ReadonlyArray<{ readonly id: string; readonly status: string; readonly startedAt: string | null }>;
}

/** Every journal file under a data folder (journals/<server>/<recovery>.json), oldest first within a server. */
export function journalFilesUnder(dataFolder: string): string[] {
  const root = join(dataFolder, 'journals');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((server) => readdirSync(join(root, server)).filter((name) => name.endsWith('.json')).sort().map((name) => join(root, server, name)));
}

// A journal file, or null while it cannot be read whole.
function readView(file: string): JournalView | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JournalView;
  } catch {
    return null;
  }
}

/** Whether a journal under the data folder shows `stepId` running. */
export function stepRunning(dataFolder: string, stepId: string): boolean {
  return journalFilesUnder(dataFolder).some((file) => readView(file)?.steps.some((step) => step.id === stepId && step.status === 'Running') === true);
}
