import type { PowerShellErrorInfo } from '../errors/aadsynckey-error.js';
import type { JsonValue } from '../util/json.js';
import type { SecretCredential } from './secret.js';

/** Which server the session talks to: the local Windows server, or a simulated one over a state folder. */
export type ServerTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'simulator'; readonly statePath: string };

/** One run of a fixed session script (src/powershell/scripts/<script>.ps1) with data arguments. */
export interface SessionInvocation {
  readonly script: string;
  readonly arguments?: Readonly<Record<string, JsonValue>>;
  /** Become PSCredential parameters of the script, named by key; sealed before they leave the core. */
  readonly credentials?: Readonly<Record<string, SecretCredential>>;
  readonly timeoutMs?: number;
  /** False when nobody will read the verbose records: the script then runs with verbose output off. */
  readonly verbose?: boolean;
}

/** A record from one of PowerShell's other streams, in the order the script wrote it. */
export interface StreamRecord {
  readonly kind: 'verbose' | 'warning' | 'information' | 'error';
  readonly message: string;
  readonly error?: PowerShellErrorInfo;
}

/** What a script produced: its output objects (as parsed JSON) and its stream records. */
export interface SessionResult {
  readonly output: readonly unknown[];
  readonly records: readonly StreamRecord[];
}

/** The seam between the core's logic and PowerShell: unit tests hand in a fake, everything else a real session. */
export interface PowerShellSessionLike {
  invoke(invocation: SessionInvocation): Promise<SessionResult>;
  dispose(): Promise<void>;
}
