import { expect } from 'chai';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { announceRecoveryEvent, RECOVERY_CHANNEL_NAME, type RecoveryChannelMessage } from '../../../src/recovery/recovery-channel.js';

describe('the recovery diagnostics channel', () => {
  it('hands each announcement to a subscriber, synchronously, and to nobody once it has left', () => {
    const seen: RecoveryChannelMessage[] = [];
    const listener = (message: unknown): void => {
      seen.push(message as RecoveryChannelMessage);
    };
    const message: RecoveryChannelMessage = { recoveryId: 'r1', kind: 'StepDone', event: 'step done', stepId: 'abandon-key' };
    subscribe(RECOVERY_CHANNEL_NAME, listener);
    announceRecoveryEvent(message);
    expect(seen).to.deep.equal([message]);
    unsubscribe(RECOVERY_CHANNEL_NAME, listener);
    announceRecoveryEvent({ ...message, kind: 'StepStarted', event: 'step started' });
    expect(seen).to.have.length(1);
  });
});
