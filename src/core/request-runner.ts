import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import { ERROR_CODES } from '../errors/error-codes.js';
import { exceptionTypeOf } from '../errors/error-families.js';
import type { RegisteredCommand } from '../commands/registry.js';
import { Secret, type SecretCredential } from '../session/secret.js';
import type { PowerShellSessionLike } from '../session/session-types.js';
import { enterServerLock, exitServerLock } from '../operations/server-lock.js';
import { dataFolder } from '../server/data-folder.js';
import { compileSchema, describeSchemaErrors } from '../util/validation.js';
import type { CommandContext } from './command-context.js';
import type { CoreRecord, CoreRequest, ErrorRecordData } from './protocol.js';
import type { SessionPool } from './session-pool.js';
import type { ValidateFunction } from 'ajv';

/** What the runner needs from its surroundings. */
export interface RequestRunnerOptions {
  readonly commands: readonly RegisteredCommand[];
  readonly sessions: SessionPool;
  readonly send: (record: CoreRecord) => void;
  /** Resolves with the module's answer to a shouldProcess question for the given request id. */
  readonly ask: (id: number, target: string, action: string) => Promise<boolean>;
}

/** Runs requests: validates parameters against the command's schema, calls its handler, reports every result. */
export class RequestRunner {
  readonly #options: RequestRunnerOptions;
  readonly #commands: Map<string, { command: RegisteredCommand; validate: ValidateFunction }>;

  constructor(options: RequestRunnerOptions) {
    this.#options = options;
    this.#commands = new Map(
      options.commands.map((command) => [command.definition.name, { command, validate: compileSchema(command.definition.requestSchema) }]),
    );
  }

  /** Runs one request to its end; always sends `done` last, whatever happened. */
  async run(request: CoreRequest): Promise<void> {
    const { send } = this.#options;
    try {
      const entry = this.#commands.get(request.command);
      if (entry === undefined) {
        throw new AADSyncKeyError('UnknownCommand', `The core has no command named '${request.command}'.`, { target: request.command });
      }
      // Defaults come from the definition, the same one that put them in the param block and the help.
      const parameters: Record<string, unknown> = structuredClone(request.parameters);
      for (const parameter of entry.command.definition.parameters) {
        if (parameter.default !== undefined && !(parameter.name in parameters)) parameters[parameter.name] = parameter.default;
      }
      if (!entry.validate(parameters)) {
        // No command-name prefix: PowerShell shows the cmdlet's name before the message already.
        throw new AADSyncKeyError('InvalidRequest', `${describeSchemaErrors(entry.validate.errors)}.`, { target: request.command });
      }
      const context: CommandContext = {
        parameters,
        credentials: toSecretCredentials(request.credentials),
        session: withVerbosity(await this.#options.sessions.sessionFor(request.target), request.verbose !== false),
        streams: {
          output: (typeName, data) => send({ id: request.id, type: 'output', typeName, data }),
          // Records nobody will see are not sent: each one costs the module a JSON parse.
          verbose: request.verbose === false ? () => undefined : (message) => send({ id: request.id, type: 'verbose', message }),
          warning: (message) => send({ id: request.id, type: 'warning', message }),
          error: (error) => send({ id: request.id, type: 'nonTerminatingError', error: toErrorRecordData(error) }),
          progress: (progress) => send({ id: request.id, type: 'progress', progress }),
        },
        dataFolder: request.dataFolder ?? dataFolder(),
        whatIf: request.whatIf === true,
        shouldProcess: (target, action) => this.#options.ask(request.id, target, action),
      };
      // Every command that changes the server (the ones with -WhatIf/-Confirm) runs under the server-wide lock.
      const locks = (entry.command.definition.locksServer ?? entry.command.definition.confirmImpact !== undefined) && !context.whatIf;
      if (locks) await enterServerLock(context, { command: request.command });
      try {
        await entry.command.handler(context);
      } finally {
        if (locks) await exitServerLock(context);
      }
    } catch (error) {
      send({ id: request.id, type: 'error', error: toErrorRecordData(error) });
    } finally {
      send({ id: request.id, type: 'done' });
    }
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
