import { POWERSHELL_ROOT } from '../util/package-root.js';
import { parseEnvelope } from './envelope.js';
import { connectFarEnd, invokeThroughHost, REMOTE_TIMEOUTS_MS, type SealerHolder, type SendEnvelope } from './envelope-channel.js';
import type { PowerShellSessionLike, SessionInvocation, SessionResult } from './session-types.js';

/**
 * Carries one request line to the caller's PSSession and back. Only the module's PowerShell can use a PSSession
 * it holds, so the core asks the module to run the line there (after loading the session host from hostRoot
 * into it once) and waits for the answer line.
 */
export type Relay = (sessionId: string, requestBase64: string, hostRoot: string, timeoutMs: number) => Promise<string>;

/**
 * A server reached through a PSSession the caller passed with -Session: the same requests as any session, sent
 * through the module. It lives for one call: the caller may close or replace the PSSession between calls.
 */
export class RelayedSession implements PowerShellSessionLike {
  readonly #sessionId: string;
  readonly #computerName: string;
  readonly #relay: Relay;
  readonly #holder: SealerHolder = { sealer: undefined };
  #connected: Promise<void> | undefined;

  constructor(sessionId: string, computerName: string, relay: Relay) {
    this.#sessionId = sessionId;
    this.#computerName = computerName;
    this.#relay = relay;
  }

  async invoke(invocation: SessionInvocation): Promise<SessionResult> {
    await this.#connect();
    return invokeThroughHost(this.#send, this.#holder, invocation, invocation.timeoutMs ?? REMOTE_TIMEOUTS_MS.command, REMOTE_TIMEOUTS_MS.connect);
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  readonly #send: SendEnvelope = async (request, timeoutMs) => {
    const line = await this.#relay(this.#sessionId, Buffer.from(JSON.stringify(request), 'utf8').toString('base64'), POWERSHELL_ROOT, timeoutMs);
    return parseEnvelope(line);
  };

  #connect(): Promise<void> {
    this.#connected ??= connectFarEnd(this.#send, this.#computerName);
    return this.#connected;
  }
}
