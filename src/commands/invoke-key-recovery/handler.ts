import type { CommandContext } from '../../core/command-context.js';
import { recoveryFolders } from '../../recovery/recovery-folders.js';
import type { RecoveryParameters } from '../../recovery/recovery-input.js';
import { runRecovery } from '../../recovery/run-recovery.js';

/** Invoke-AADSyncKeyRecovery: the whole runbook, journaled in the default folders. */
export function invokeKeyRecovery(context: CommandContext<RecoveryParameters>): Promise<void> {
  return runRecovery(context, recoveryFolders(context.dataFolder));
}
