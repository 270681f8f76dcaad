import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { parseEnvelope } from './envelope.js';
import { connectFarEnd, invokeThroughHost, REMOTE_TIMEOUTS_MS, type SealerHolder, type SendEnvelope } from './envelope-channel.js';
import type { RemoteHub } from './remote-hub.js';
import type { SessionLifecycleEvent } from './session-lifecycle.js';
import type { PowerShellSessionLike, RemoteConnection, SessionInvocation, SessionResult } from './session-types.js';

/**
 * One remote server, reached through its PSSession in the core's remote hub. Requests run one at a time, as in a
 * console. The first request connects (the hub opens the PSSession and loads the session host there); a request
 * that finds the connection lost or runs over its limit leaves the server to connect again on the next one.
 */
export class HubSession implements PowerShellSessionLike {
  readonly #hub: RemoteHub;
  readonly #key: string;
  readonly #connection: RemoteConnection;
  readonly #holder: SealerHolder = { sealer: undefined };
  /** The hub generation the server was connected in, or undefined while it is not connected. */
  #connectedIn: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(hub: RemoteHub, key: string, connection: RemoteConnection) {
    this.#hub = hub;
    this.#key = key;
    this.#connection = connection;
  }

  invoke(invocation: SessionInvocation): Promise<SessionResult> {
    const next = this.#queue.then(() => this.#invokeNow(invocation));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  watch(listener: (event: SessionLifecycleEvent) => void): () => void {
    return this.#hub.watch(listener);
  }

  dispose(): Promise<void> {
    if (this.#connectedIn !== undefined) this.#hub.close(this.#key);
    this.#connectedIn = undefined;
    return Promise.resolve();
  }

  async #invokeNow(invocation: SessionInvocation): Promise<SessionResult> {
    await this.#connect();
    try {
      return await invokeThroughHost(this.#send, this.#holder, invocation, invocation.timeoutMs ?? REMOTE_TIMEOUTS_MS.command, REMOTE_TIMEOUTS_MS.connect);
    } catch (error) {
      // The hub has ended this server's PSSession (and the key its secrets were sealed with).
      if (error instanceof AADSyncKeyError && (error.code === 'RemoteSessionLost' || error.code === 'PowerShellTimeout')) this.#connectedIn = undefined;
      throw error;
    }
  }

  readonly #send: SendEnvelope = async (request, timeoutMs) => {
    const line = await this.#hub.send(this.#key, this.#connection.computerName, encode(request), timeoutMs);
    return parseEnvelope(line);
  };

  async #connect(): Promise<void> {
    if (this.#connectedIn === this.#hub.generation) return;
    this.#connectedIn = undefined;
    this.#holder.sealer = undefined;
    const generation = this.#hub.generation;
    // The first request opens the PSSession anew (and loads the session host there) before it runs.
    let opening: RemoteConnection | undefined = this.#connection;
    await connectFarEnd(async (request, timeoutMs) => {
      const line = await this.#hub.send(this.#key, this.#connection.computerName, encode(request), timeoutMs, opening);
      opening = undefined;
      return parseEnvelope(line);
    }, this.#connection.computerName);
    this.#connectedIn = generation;
  }
}

function encode(request: object): string {
  return Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
}
