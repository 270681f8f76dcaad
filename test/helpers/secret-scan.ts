import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Processes whose command line or environment contains `needle` (Linux /proc; other platforms report none). */
export function processesContaining(needle: string): string[] {
  const hits: string[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return hits;
  }
  for (const pid of pids) {
    for (const file of ['cmdline', 'environ']) {
      try {
        if (readFileSync(join('/proc', pid, file)).includes(needle)) hits.push(`${pid}/${file}`);
      } catch {
        // The process ended, or belongs to someone we may not read: nothing to see.
      }
    }
  }
  return hits;
}

/** Files under `root` whose bytes contain `needle`. */
export function filesContaining(root: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (info === undefined) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile() && readFileSync(path).includes(needle)) hits.push(path);
    }
  };
  walk(root);
  return hits;
}

/** A password no code or data of the project would produce by chance. */
export const CANARY_PASSWORD = "Canary-7f3c'$(Get-Date)`\"Pässwörd-91d2";
