// A preload module for the core (node --import, through NODE_OPTIONS set by a test; see stepBoundaryPauseOptions):
// it subscribes to the recovery's diagnostics channel and holds the core for a while after each step but the last,
// so a test can kill a process at a step boundary. The core itself knows nothing of it.
import { subscribe } from 'node:diagnostics_channel';
import { RECOVERY_CHANNEL_NAME, type RecoveryChannelMessage } from '../../src/recovery/recovery-channel.js';
import { STEP_BOUNDARY_PAUSE_MS } from './step-boundary.js';

const ENDED_STEP = new Set(['step done', 'step skipped']);

subscribe(RECOVERY_CHANNEL_NAME, (message) => {
  const { event, stepIndex, stepCount } = message as RecoveryChannelMessage;
  if (!ENDED_STEP.has(event) || stepIndex === null || stepIndex >= stepCount - 1) return;
  // A synchronous hold, as a busy core would be: the journal says the step is done and nothing else moves.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STEP_BOUNDARY_PAUSE_MS);
});
