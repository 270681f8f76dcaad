import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { COMMANDS } from '../commands/registry.js';
import { exceptionTypeOf } from '../errors/error-families.js';
import { describeSchemaErrors } from '../util/validation.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { validateCoreAnswer, validateCoreRelayAnswer, validateCoreRequest, type CoreRecord } from './protocol.js';
import { RequestRunner } from './request-runner.js';
import { SessionPool, type SessionFactory } from './session-pool.js';

/** Where the server reads requests and writes records. */
export interface StdioServerOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly sessionFactory?: SessionFactory;
  /** Aborting stops the server: the PowerShell session is ended at once and no further request is read. */
  readonly signal?: AbortSignal;
}

/**
 * The warm core: reads one JSON request per line and answers with JSON records, one request at a time, for as
 * long as its input stays open. Its PowerShell session lives across requests. Nothing secret outlives a request.
 */
export async function serveStdio(options: StdioServerOptions): Promise<void> {
  const sessions = new SessionPool(options.sessionFactory);
  const pendingQuestions = new Map<number, (value: boolean) => void>();
  const pendingRelays = new Map<number, { resolve: (line: string) => void; reject: (error: Error) => void }>();
  let lastRelayId = 0;
  let inputClosed = false;
  // A module that went away (its PowerShell closed) makes writes fail; the core finishes its step and ends.
  options.output.on('error', () => undefined);
  const send = (record: CoreRecord): void => {
    options.output.write(`${JSON.stringify(record)}\n`);
  };
  const runner = new RequestRunner({
    commands: COMMANDS,
    sessions,
    send,
    // With the module gone (input closed) nobody can answer: the answer is no, so a recovery stops cleanly at a
    // step boundary and its journal says so, instead of waiting forever.
    ask: (id, target, action) =>
      inputClosed
        ? Promise.resolve(false)
        : new Promise<boolean>((resolve) => {
          pendingQuestions.set(id, resolve);
          send({ id, type: 'shouldProcess', target, action });
        }),
    // A caller's PSSession is used by the module, which runs the line there and sends the answer line back.
    relay: (id) => (sessionId, request, hostRoot, timeoutMs) =>
      inputClosed
        ? Promise.reject(new AADSyncKeyError('RemoteSessionLost', 'The module that holds the PSSession is gone; the command did not run there.'))
        : new Promise<string>((resolve, reject) => {
          lastRelayId += 1;
          pendingRelays.set(lastRelayId, { resolve, reject });
          send({ id, type: 'relay', relayId: lastRelayId, sessionId, request, hostRoot, timeoutMs });
        }),
  });

  let running: Promise<void> = Promise.resolve();
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  options.signal?.addEventListener('abort', () => {
    lines.close();
    void sessions.dispose();
  }, { once: true });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: -1, type: 'error', error: protocolError('A request line was not JSON.') });
      continue;
    }
    if (validateCoreAnswer(message)) {
      pendingQuestions.get(message.id)?.(message.value);
      pendingQuestions.delete(message.id);
      continue;
    }
    if (validateCoreRelayAnswer(message)) {
      pendingRelays.get(message.relayId)?.resolve(message.line);
      pendingRelays.delete(message.relayId);
      continue;
    }
    if (!validateCoreRequest(message)) {
      const id = typeof (message as { id?: unknown }).id === 'number' ? (message as { id: number }).id : -1;
      send({ id, type: 'error', error: protocolError(`A request did not match the protocol: ${describeSchemaErrors(validateCoreRequest.errors)}.`) });
      send({ id, type: 'done' });
      continue;
    }
    // Requests run one after another; answers to questions keep flowing in meanwhile.
    const request = message;
    running = running.then(() => runner.run(request));
  }
  inputClosed = true;
  for (const answer of pendingQuestions.values()) answer(false);
  pendingQuestions.clear();
  for (const relay of pendingRelays.values()) relay.reject(new AADSyncKeyError('RemoteSessionLost', 'The module that holds the PSSession went away while a command ran there.'));
  pendingRelays.clear();
  await running;
  await sessions.dispose();
}

function protocolError(message: string) {
  return { code: 'InvalidRequest', category: 'InvalidArgument' as const, message, target: null, recommendedAction: 'Re-import the module from the same checkout as the core.', powerShellErrorId: null, exceptionType: exceptionTypeOf('InvalidRequest') };
}
