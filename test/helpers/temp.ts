import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder under the system temp folder; `prefix` may hold characters that are hostile to quoting. */
export function makeTempDir(prefix = 'aadsynckey-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a folder made by {@link makeTempDir}. */
export function removeTempDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
