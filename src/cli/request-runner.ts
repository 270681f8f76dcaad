import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import { ERROR_CODES } from '../errors/error-codes.js';
import { exceptionTypeOf } from '../errors/error-families.js';
import type { HandlerContext, RegisteredCommand } from '../commands/register-command.js';
import { THROTTLE_LIMIT_PARAMETER } from '../commands/common-parameters.js';
import { Secret, type SecretCredential } from '../session/secret.js';
import { remoteComputerName, type PowerShellSessionLike, type ServerTarget } from '../session/session-types.js';
import { RelayedSession, type Relay } from '../session/relayed-session.js';
import { describeLifecycle } from '../session/session-lifecycle.js';
import { enterServerLock, exitServerLock } from '../operations/server-lock.js';
import { dataFolder } from '../server/data-folder.js';
import type { CoreRecord, CoreRequest, ErrorRecordData } from './protocol.js';
import type { SessionPool } from './session-pool.js';

/** What the runner needs from its surroundings. */
export interface RequestRunnerOptions {
  readonly commands: readonly RegisteredCommand[];
  readonly sessions: SessionPool;
  readonly send: (record: CoreRecord) => void;
  /** Resolves with the module's answer to a shouldProcess question for the given request id. */
  readonly ask: (id: number, target: string, action: string) => Promise<boolean>;
  /** Runs a request line in a PSSession the caller passed (-Session); without it such targets are refused. */
  readonly relay?: (id: number) => Relay;
}

const DEFAULT_THROTTLE_LIMIT = THROTTLE_LIMIT_PARAMETER.default;

interface PreparedRequest {
  readonly request: CoreRequest;
  readonly command: RegisteredCommand;
  /** The handler's call with the checked parameters. */
  readonly call: (context: HandlerContext) => Promise<void>;
  readonly credentials: Record<string, SecretCredential>;
}

/** Runs requests: validates parameters against the command's schema, calls its handler, reports every result. */
export class RequestRunner {
  readonly #options: RequestRunnerOptions;
  readonly #commands: Map<string, RegisteredCommand>;

  constructor(options: RequestRunnerOptions) {
    this.#options = options;
    this.#commands = new Map(options.commands.map((command) => [command.definition.name, command]));
  }

  /** Runs one request to its end; always sends `done` last, whatever happened. */
  async run(request: CoreRequest): Promise<void> {
    const { send } = this.#options;
    try {
      const command = this.#commands.get(request.command);
      if (command === undefined) {
        throw new AADSyncKeyError('UnknownCommand', `The core has no command named '${request.command}'.`, { target: request.command });
      }
      const prepared: PreparedRequest = { request, command, call: command.prepare(request.parameters), credentials: toSecretCredentials(request.credentials) };
      const targets = request.targets ?? [request.target ?? { kind: 'local' }];
      const [only] = targets;
      if (targets.length === 1 && only !== undefined) await this.#runOn(prepared, only, false);
      else await this.#runOnEach(prepared, targets);
    } catch (error) {
      send({ id: request.id, type: 'error', error: toErrorRecordData(error) });
    } finally {
      send({ id: request.id, type: 'done' });
    }
  }

  // Several servers: each is a call of its own, and a failure on one is an error record naming it (as
  // Invoke-Command writes one per computer) while the others go on. Reads run side by side up to the throttle
  // limit; a command that changes servers goes through them one after another, so its prompts stay in order.
  async #runOnEach(prepared: PreparedRequest, targets: readonly ServerTarget[]): Promise<void> {
    const { definition } = prepared.command;
    const pathGiven = definition.parameters.find((p) => p.type === 'path' && p.name in prepared.request.parameters);
    if (pathGiven !== undefined) {
      throw new AADSyncKeyError('InvalidRemoteTarget', `-${pathGiven.name} names one file, so ${definition.name} takes one server with it; run it once per server.`, { target: pathGiven.name });
    }
    const readsOnly = definition.confirmImpact === undefined;
    const limit = readsOnly ? prepared.request.throttleLimit ?? DEFAULT_THROTTLE_LIMIT : 1;
    const queue = [...targets];
    const worker = async (): Promise<void> => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
        try {
          await this.#runOn(prepared, target, true);
        } catch (error) {
          const data = toErrorRecordData(error);
          const name = remoteComputerName(target) ?? 'localhost';
          this.#options.send({ id: prepared.request.id, type: 'nonTerminatingError', error: { ...data, message: `[${name}] ${data.message}`, target: name } });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, targets.length) }, worker));
  }

  // One call on one server. Output from a remote server carries its name (PSComputerName); with several servers,
  // so do the messages.
  async #runOn(prepared: PreparedRequest, target: ServerTarget, severalServers: boolean): Promise<void> {
    const { request, command } = prepared;
    const { send } = this.#options;
    const computerName = remoteComputerName(target);
    const prefix = severalServers ? `[${computerName ?? 'localhost'}] ` : '';
    const session = await this.#sessionFor(request.id, target);
    const context: HandlerContext = {
      credentials: prepared.credentials,
      session: withVerbosity(session, request.verbose !== false),
      streams: {
        output: (typeName, data) => send({ id: request.id, type: 'output', typeName, data, ...(computerName === null ? {} : { computerName }) }),
        // Records nobody will see are not sent: each one costs the module a JSON parse.
        verbose: request.verbose === false ? () => undefined : (message) => send({ id: request.id, type: 'verbose', message: prefix + message }),
        warning: (message) => send({ id: request.id, type: 'warning', message: prefix + message }),
        error: (error) => {
          const data = toErrorRecordData(error);
          send({ id: request.id, type: 'nonTerminatingError', error: { ...data, message: prefix + data.message } });
        },
        progress: (progress) => send({ id: request.id, type: 'progress', progress: { ...progress, activity: prefix + progress.activity } }),
      },
      dataFolder: request.dataFolder ?? dataFolder(),
      whatIf: request.whatIf === true,
      shouldProcess: (what, action) => this.#options.ask(request.id, what, action),
    };
    // Every command that changes the server (the ones with -WhatIf/-Confirm) runs under the server-wide lock,
    // which lives on that server: two administrators on two machines cannot both hold it.
    const locks = (command.definition.locksServer ?? command.definition.confirmImpact !== undefined) && !context.whatIf;
    // What the session does to its process meanwhile (started, ended after a time limit, restarted) is verbose output.
    const stopWatching = request.verbose === false ? undefined : session.watch?.((event) => context.streams.verbose(describeLifecycle(event)));
    try {
      if (locks) await enterServerLock(context, { command: request.command });
      try {
        await prepared.call(context);
      } finally {
        if (locks) await exitServerLock(context);
      }
    } finally {
      stopWatching?.();
    }
  }

  #sessionFor(id: number, target: ServerTarget): Promise<PowerShellSessionLike> {
    if (target.kind !== 'callerSession') return this.#options.sessions.sessionFor(target);
    if (this.#options.relay === undefined) {
      return Promise.reject(new AADSyncKeyError('InvalidRemoteTarget', `The core was started without a module to relay to, so the PSSession to ${target.computerName} cannot be used.`, { target: target.computerName }));
    }
    return Promise.resolve(new RelayedSession(target.sessionId, target.computerName, this.#options.relay(id)));
  }

}

// One quiet view per session, so that what is cached per session (the server's command surface) survives requests.
const quietViews = new WeakMap<PowerShellSessionLike, PowerShellSessionLike>();

// The session as one request sees it: with verbose output off, every script runs without making verbose records.
function withVerbosity(session: PowerShellSessionLike, verbose: boolean): PowerShellSessionLike {
  if (verbose) return session;
  const known = quietViews.get(session);
  if (known !== undefined) return known;
  const quiet: PowerShellSessionLike = { invoke: (invocation) => session.invoke({ ...invocation, verbose: false }), dispose: () => session.dispose() };
  quietViews.set(session, quiet);
  return quiet;
}

/** The longest password Active Directory and Microsoft Entra ID accept. */
export const MAX_PASSWORD_LENGTH = 256;

// Refused before anything runs: no server accepts a longer password, so one is a paste gone wrong.
function toSecretCredentials(wire: CoreRequest['credentials']): Record<string, SecretCredential> {
  const result: Record<string, SecretCredential> = {};
  for (const [name, credential] of Object.entries(wire)) {
    if (credential.password.length > MAX_PASSWORD_LENGTH) {
      const parameter = name.includes(':') ? `${name.slice(0, name.indexOf(':'))} entry '${name.slice(name.indexOf(':') + 1)}'` : name;
      throw new AADSyncKeyError('SecretTooLong', `The password of -${parameter} ('${credential.userName}') has ${credential.password.length} characters; Active Directory and Microsoft Entra ID accept at most ${MAX_PASSWORD_LENGTH}. Nothing was changed.`, { target: name });
    }
    result[name] = { userName: credential.userName, password: new Secret(credential.password) };
  }
  return result;
}

/** Turns any error into the data of an ErrorRecord; unknown errors become InternalError. */
export function toErrorRecordData(error: unknown): ErrorRecordData {
  if (error instanceof AADSyncKeyError) {
    return {
      code: error.code,
      category: error.category,
      message: error.message,
      target: error.target ?? null,
      recommendedAction: error.recommendedAction,
      powerShellErrorId: error instanceof PowerShellCommandError ? error.fullyQualifiedErrorId : null,
      exceptionType: exceptionTypeOf(error.code),
    };
  }
  return {
    code: 'InternalError',
    category: ERROR_CODES.InternalError.category,
    message: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
    target: null,
    recommendedAction: ERROR_CODES.InternalError.whatToDo,
    powerShellErrorId: null,
    exceptionType: exceptionTypeOf('InternalError'),
  };
}
