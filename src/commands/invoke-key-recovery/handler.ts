import type { CommandContext } from '../../core/command-context.js';
import { recoveryFolders } from '../../recovery/recovery-folders.js';
import { runRecovery } from '../../recovery/run-recovery.js';
import type { ParametersOf } from '../parameter-values.js';
import type { invokeKeyRecoveryDefinition } from './definition.js';

/** Invoke-AADSyncKeyRecovery: the whole runbook, journaled in the default folders. */
export function invokeKeyRecovery(context: CommandContext<ParametersOf<typeof invokeKeyRecoveryDefinition>>): Promise<void> {
  return runRecovery(context, recoveryFolders(context.dataFolder));
}
