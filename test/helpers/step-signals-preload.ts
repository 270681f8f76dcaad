// A preload module for the core (node --import, through NODE_OPTIONS set by a test; see stepSignalOptions): it
// subscribes to the recovery's diagnostics channel and, at the step the test names, either holds the core after the
// step ended until the test releases it, or creates an arm file when the step starts (a simulator fault armed by it
// then acts inside that step only). The core itself knows nothing of it. It matches on the event's typed kind,
// never on its text.
import { subscribe } from 'node:diagnostics_channel';
import { existsSync, writeFileSync } from 'node:fs';
import { RECOVERY_CHANNEL_NAME, type RecoveryChannelMessage } from '../../src/recovery/recovery-channel.js';
import { readStepSignals } from './step-signals.js';

const signals = readStepSignals(process.env);
const pause = new Int32Array(new SharedArrayBuffer(4));

subscribe(RECOVERY_CHANNEL_NAME, (message) => {
  const { kind, stepId } = message as RecoveryChannelMessage;
  if (signals === null || stepId !== signals.stepId) return;
  if (signals.mode === 'arm' && kind === 'StepStarted') writeFileSync(signals.files.armed, '');
  if (signals.mode === 'hold' && (kind === 'StepDone' || kind === 'StepSkipped')) {
    // A synchronous hold, as a busy core would be: the journal says the step is done and nothing else moves.
    writeFileSync(signals.files.held, '');
    while (!existsSync(signals.files.release)) Atomics.wait(pause, 0, 0, 20);
  }
});
