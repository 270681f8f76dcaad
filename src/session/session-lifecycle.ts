import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { ErrorCode } from '../errors/error-codes.js';

/** A PowerShell process of a session started, or ended (and why). */
export type SessionLifecycleEvent =
  | { readonly kind: 'started'; readonly pid: number; readonly executable: string; readonly prewarmed: boolean; readonly restart: boolean }
  | {
    readonly kind: 'ended';
    readonly pid: number;
    /** timeout: a command ran over its limit; failed: the process died or did not start; remoteLost: its PSSession broke. */
    readonly reason: 'timeout' | 'failed' | 'remoteLost' | 'disposed';
    readonly script?: string;
    readonly timeoutMs?: number;
  };

/** The verbose line an administrator reads about an event (the internal script's name stays in the event's fields). */
export function describeLifecycle(event: SessionLifecycleEvent): string {
  if (event.kind === 'started') {
    return `PowerShell session ${event.restart ? 'restarted' : 'started'}: process ${event.pid} (${event.executable}${event.prewarmed ? ', started ahead' : ''}).`;
  }
  switch (event.reason) {
    case 'timeout':
      return `PowerShell session process ${event.pid} was ended: a command did not finish within its time limit of ${duration(event.timeoutMs ?? 0)}. The next command starts a new one.`;
    case 'failed':
      return `PowerShell session process ${event.pid} ended while running a command. The next command starts a new one.`;
    case 'remoteLost':
      return `PowerShell session process ${event.pid} was ended: its remote session broke during a command. The next command connects again.`;
    case 'disposed':
      return `PowerShell session process ${event.pid} was ended with the session.`;
  }
}

/** A session that failed a command: its facts are fields (the script, the time limit, the process), as execa's errors are. */
export class SessionFailure extends AADSyncKeyError {
  readonly script: string;
  readonly timeoutMs: number | undefined;
  readonly pid: number | undefined;

  constructor(code: ErrorCode, message: string, facts: { readonly script: string; readonly timeoutMs?: number; readonly pid?: number; readonly cause?: unknown }) {
    super(code, message, { cause: facts.cause });
    this.name = 'SessionFailure';
    this.script = facts.script;
    this.timeoutMs = facts.timeoutMs;
    this.pid = facts.pid;
  }
}

function duration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
