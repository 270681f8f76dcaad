import { join } from 'node:path';
import type { RecoveryFolders } from './run-recovery.js';

/** The documented folders of recoveries, under a data folder. */
export function recoveryFolders(dataFolder: string): RecoveryFolders {
  return { data: dataFolder, journals: join(dataFolder, 'journals') };
}
