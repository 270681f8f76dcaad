import type { PowerShellErrorInfo } from '../errors/aadsynckey-error.js';
import type { JsonValue } from '../util/json.js';
import type { SecretCredential } from './secret.js';
import type { SessionLifecycleEvent } from './session-lifecycle.js';

/**
 * How to reach a remote server, in New-PSSession's own terms: WSMan (-ComputerName) or SSH (-HostName). A
 * credential is not part of it: other credentials come with a -Session the caller opened.
 */
export interface RemoteConnection {
  readonly transport: 'WSMan' | 'SSH';
  readonly computerName: string;
  readonly port?: number;
  readonly userName?: string;
  readonly keyFilePath?: string;
  readonly useSSL?: boolean;
  readonly authentication?: string;
  readonly configurationName?: string;
  /** SSH options (New-PSSession -Options), such as UserKnownHostsFile. */
  readonly options?: Readonly<Record<string, string>>;
}

/**
 * Which server the session talks to: the local Windows server, a simulated one over a state folder, a remote
 * server the core's own session reaches with a PSSession, or one reached through a PSSession the caller passed
 * (-Session), which only the caller's PowerShell can use: its requests are relayed through the module.
 */
export type ServerTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'simulator'; readonly statePath: string }
  | { readonly kind: 'remote'; readonly connection: RemoteConnection }
  | { readonly kind: 'callerSession'; readonly computerName: string; readonly sessionId: string };

/** The name a server goes by in output (PSComputerName) and in messages; null for the machine the core runs on. */
export function remoteComputerName(target: ServerTarget): string | null {
  if (target.kind === 'remote') return target.connection.computerName;
  if (target.kind === 'callerSession') return target.computerName;
  return null;
}

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
  /**
   * Tells `listener` when the session starts or ends a process (until the returned
   * function is called): a request watches while it runs, so the administrator reads it with -Verbose.
   */
  watch?(listener: (event: SessionLifecycleEvent) => void): () => void;
}
