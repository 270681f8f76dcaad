import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { parseEnvelope } from './envelope.js';
import { hostError, invokeThroughHost, type SealerHolder, type SendEnvelope } from './envelope-channel.js';
import type { RemoteHub } from './remote-hub.js';
import type { SessionLifecycleEvent } from './session-lifecycle.js';
import type { PowerShellSessionLike, RemoteConnection, SessionInvocation, SessionResult } from './session-types.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 60_000;

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
      return await invokeThroughHost(this.#send, this.#holder, invocation, invocation.timeoutMs ?? DEFAULT_TIMEOUT_MS, CONNECT_TIMEOUT_MS);
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
    const line = await this.#hub.send(this.#key, this.#connection.computerName, encode({ script: 'Connect-Target', arguments: { Kind: 'server' } }), CONNECT_TIMEOUT_MS, this.#connection);
    const envelope = parseEnvelope(line);
    if (!envelope.ok) {
      const error = hostError(envelope, 'Connect-Target');
      throw error.code === 'PowerShellCommandFailed'
        ? new AADSyncKeyError('RemoteConnectionFailed', `[${this.#connection.computerName}] ${error.message}`, { target: this.#connection.computerName, cause: error })
        : error;
    }
    this.#connectedIn = generation;
  }
}

function encode(request: object): string {
  return Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
}
