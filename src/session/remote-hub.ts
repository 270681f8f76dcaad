import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { compileSchema } from '../util/validation.js';
import type { JsonValue } from '../util/json.js';
import type { SessionLifecycleEvent } from './session-lifecycle.js';
import type { PowerShellSessionLike, RemoteConnection } from './session-types.js';

/**
 * How long one round waits in the hub for an answer. A request made meanwhile waits for the round to end, so the
 * wait starts short and doubles with each round that brings nothing, up to the longest: a server's next request,
 * sent just after its answer, is not held up, and requests that run long are not polled for all the time.
 */
const ROUND_WAIT_MS = { shortest: 10, longest: 200 } as const;
/** What a round may take beyond the wait: stopping a job or closing a broken PSSession can block for a while. */
const ROUND_MARGIN_MS = 60_000;
/** What a round that opens PSSessions may take: New-PSSession's own time to connect, and the margin. */
const CONNECTING_ROUND_TIMEOUT_MS = 180_000;

/** A request for one server: waiting for the next round, or running in the hub. */
interface Ticket {
  readonly id: number;
  readonly key: string;
  readonly computerName: string;
  readonly request: string;
  readonly timeoutMs: number;
  /** Set when the server's PSSession is to be opened (anew) before the request. */
  readonly connection: RemoteConnection | undefined;
  readonly resolve: (line: string) => void;
  readonly reject: (error: Error) => void;
}

interface RoundAnswer {
  readonly ticket: number;
  readonly line: string;
}

const validateRoundAnswer = compileSchema<RoundAnswer>({
  type: 'object',
  required: ['ticket', 'line'],
  properties: { ticket: { type: 'integer' }, line: { type: 'string' } },
});

/**
 * One PowerShell process that holds the PSSessions to any number of remote servers (src/powershell/RemoteHub.ps1),
 * so that a server costs a PSSession here, not a process. Requests for several servers run there side by side,
 * each as a job on its own PSSession with its own time limit; the hub is driven in rounds (start what is waiting,
 * return what has answered) because its process, like any console, runs one command at a time.
 */
export class RemoteHub {
  readonly #session: PowerShellSessionLike;
  #waiting: Ticket[] = [];
  readonly #running = new Map<number, Ticket>();
  #closing: string[] = [];
  #lastTicket = 0;
  #pumping = false;
  #generation = 0;
  #waitMs: number = ROUND_WAIT_MS.shortest;

  constructor(session: PowerShellSessionLike) {
    this.#session = session;
    // When the hub's process ends, every PSSession it held is gone with it.
    session.watch?.((event) => {
      if (event.kind === 'ended') this.#generation += 1;
    });
  }

  /** Changes whenever the hub's process has ended: a server connected before must connect again. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Runs one request line on a server and resolves with its answer line. With `connection`, the server's PSSession
   * is opened anew first and given the session host.
   */
  send(key: string, computerName: string, request: string, timeoutMs: number, connection?: RemoteConnection): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.#lastTicket += 1;
      this.#waiting.push({ id: this.#lastTicket, key, computerName, request, timeoutMs, connection, resolve, reject });
      void this.#pump();
    });
  }

  /** Closes a server's PSSession in the next round. */
  close(key: string): void {
    this.#closing.push(key);
    void this.#pump();
  }

  watch(listener: (event: SessionLifecycleEvent) => void): () => void {
    return this.#session.watch?.(listener) ?? (() => undefined);
  }

  /** Ends the hub's process, and with it every PSSession; requests still running fail as lost. */
  async dispose(): Promise<void> {
    await this.#session.dispose();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0 || this.#running.size > 0 || this.#closing.length > 0) {
        // Callers whose answers just came may send their next request: it joins this round rather than the next.
        await new Promise((resolve) => setImmediate(resolve));
        await this.#round();
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #round(): Promise<void> {
    const starting = this.#waiting.splice(0);
    const close = this.#closing.splice(0);
    for (const ticket of starting) this.#running.set(ticket.id, ticket);
    const connecting = starting.filter((ticket) => ticket.connection !== undefined).length;
    const requests: JsonValue[] = starting.map((ticket) => ({
      ticket: ticket.id,
      key: ticket.key,
      computerName: ticket.computerName,
      request: ticket.request,
      timeoutMs: ticket.timeoutMs,
      // The connection's fields are New-PSSession's parameter names (PowerShell matches them in any case).
      ...(ticket.connection === undefined ? {} : { connect: true, connection: JSON.parse(JSON.stringify(ticket.connection)) as JsonValue }),
    }));
    // Something new, or an answer last round: the next answers may come soon, so the round waits briefly.
    if (starting.length > 0 || close.length > 0) this.#waitMs = ROUND_WAIT_MS.shortest;
    const waitMs = this.#waitMs;
    let answers: readonly unknown[];
    try {
      const result = await this.#session.invoke({
        script: 'Invoke-RemoteRound',
        arguments: { Requests: requests, Close: close, WaitMs: waitMs, ThrottleLimit: Math.max(1, connecting) },
        timeoutMs: connecting > 0 ? CONNECTING_ROUND_TIMEOUT_MS : waitMs + ROUND_MARGIN_MS,
        verbose: false,
      });
      answers = result.output;
    } catch (error) {
      // The hub's process failed or ran over its limit: every request in it is lost with it.
      const reason = error instanceof Error ? error.message : String(error);
      for (const ticket of this.#running.values()) {
        ticket.reject(new AADSyncKeyError('RemoteSessionLost', `The connection to ${ticket.computerName} was lost (the PowerShell process that holds the remote sessions failed: ${reason}); the command did not finish there.`, { target: ticket.computerName, cause: error }));
      }
      this.#running.clear();
      return;
    }
    this.#waitMs = answers.length > 0 ? ROUND_WAIT_MS.shortest : Math.min(ROUND_WAIT_MS.longest, waitMs * 2);
    for (const answer of answers) {
      if (!validateRoundAnswer(answer)) continue;
      const ticket = this.#running.get(answer.ticket);
      if (ticket === undefined) continue;
      this.#running.delete(answer.ticket);
      ticket.resolve(answer.line);
    }
  }
}
