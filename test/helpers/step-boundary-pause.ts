// A preload module for the core (node --import, through NODE_OPTIONS set by a test; see stepBoundaryPauseOptions):
// it subscribes to the recovery's diagnostics channel and holds the core for a while after the step the test names
// (STEP_BOUNDARY_PAUSE_AFTER, read by this test module only), so a test can kill a process at that step boundary.
// The core itself knows nothing of it.
import { subscribe } from 'node:diagnostics_channel';
import { RECOVERY_CHANNEL_NAME, type RecoveryChannelMessage } from '../../src/recovery/recovery-channel.js';
import { STEP_BOUNDARY_PAUSE_MS } from './step-boundary.js';

const ENDED_STEP = new Set(['step done', 'step skipped']);
const pauseAfter = process.env['STEP_BOUNDARY_PAUSE_AFTER'];

subscribe(RECOVERY_CHANNEL_NAME, (message) => {
  const { event, stepId } = message as RecoveryChannelMessage;
  if (!ENDED_STEP.has(event) || stepId !== pauseAfter) return;
  // A synchronous hold, as a busy core would be: the journal says the step is done and nothing else moves.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STEP_BOUNDARY_PAUSE_MS);
});
