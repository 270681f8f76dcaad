import { join } from 'node:path';
import { dataFolder } from '../server/data-folder.js';
import type { RecoveryFolders } from './run-recovery.js';

/** The documented default folders, under the data folder. */
export function defaultRecoveryFolders(): RecoveryFolders {
  const data = dataFolder();
  return { data, journals: join(data, 'journals'), locks: join(data, 'locks') };
}
