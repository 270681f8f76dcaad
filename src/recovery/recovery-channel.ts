import { channel } from 'node:diagnostics_channel';

/**
 * The diagnostics channel on which a recovery announces each journal write, after the write. Node's own way to let
 * an observer (a monitoring wrapper, a test's preload module) follow a process without an option or environment
 * variable of ours: a channel with no subscriber costs one property read.
 */
export const RECOVERY_CHANNEL_NAME = 'aadsynckey:recovery';

/** What a journal write was, for an observer to match on (the event's text is for people and may be reworded). */
export type RecoveryEventKind =
  | 'RecoveryStarted'
  | 'RecoveryResumed'
  | 'RecoveryEnded'
  | 'StepStarted'
  | 'StepDone'
  | 'StepSkipped'
  | 'StepFailed'
  | 'StepDeclined'
  | 'ServiceStartedAgain';

/** What the channel carries: the journal event just written, and the step it is about. */
export interface RecoveryChannelMessage {
  readonly recoveryId: string;
  readonly kind: RecoveryEventKind;
  /** The journal event's text, e.g. 'step started', 'step done', 'recovery succeeded'. */
  readonly event: string;
  /** The step the event is about, or null for the recovery as a whole. */
  readonly stepId: string | null;
}

const recoveryChannel = channel(RECOVERY_CHANNEL_NAME);

/** Announces a journal write; a subscriber runs synchronously, before the recovery goes on. */
export function announceRecoveryEvent(message: RecoveryChannelMessage): void {
  if (recoveryChannel.hasSubscribers) recoveryChannel.publish(message);
}
