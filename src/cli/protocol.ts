// The line protocol between the generated PowerShell module and the core: one JSON object per line each way.
import type { PowerShellErrorCategory } from '../errors/error-codes.js';
import type { ServerTarget } from '../session/session-types.js';
import { compileSchema } from '../util/validation.js';
import type { ProgressUpdate } from '../core/command-context.js';

/** A credential as the module sends it on the core's standard input (never on a command line). */
export interface WireCredential {
  readonly userName: string;
  readonly password: string;
}

/** One cmdlet call. */
export interface CoreRequest {
  readonly id: number;
  readonly command: string;
  readonly parameters: Record<string, unknown>;
  readonly credentials: Record<string, WireCredential>;
  /** The one server of the call (older modules send only this). */
  readonly target?: ServerTarget;
  /** The servers of the call: several with -ComputerName a,b or -Session $a,$b. Each runs as its own call. */
  readonly targets?: readonly ServerTarget[];
  /** How many servers a command that only reads runs on at once (-ThrottleLimit). */
  readonly throttleLimit?: number;
  /** The caller's -WhatIf: commands that plan before they act show the whole plan and keep no journal. */
  readonly whatIf?: boolean;
  /** Whether the caller shows verbose records ($VerbosePreference); when not, the core does not send them. */
  readonly verbose?: boolean;
  /**
   * The caller's AADSYNCKEY_DATA_DIR at the time of the call (null: the default folder). Sent with every call, so
   * a change in the admin's session reaches a core that was started before it.
   */
  readonly dataFolder?: string | null;
}

/** The module's answer to a relayed request: the answer line from the caller's PSSession. */
export interface CoreRelayAnswer {
  readonly id: number;
  readonly type: 'relayAnswer';
  readonly relayId: number;
  readonly line: string;
}

/** The module's reply to a shouldProcess question. */
export interface CoreAnswer {
  readonly id: number;
  readonly type: 'answer';
  readonly value: boolean;
}

/** An error as the module turns it into an ErrorRecord. */
export interface ErrorRecordData {
  readonly code: string;
  readonly category: PowerShellErrorCategory;
  readonly message: string;
  readonly target: string | null;
  readonly recommendedAction: string;
  /** The original PowerShell FullyQualifiedErrorId, when a server command failed. */
  readonly powerShellErrorId: string | null;
  /** The .NET type of the exception the module raises (AADSyncKey.<Family>Exception). */
  readonly exceptionType: string;
}

/** Everything the core writes back for one request; the last one is always `done`. */
export type CoreRecord =
  | { readonly id: number; readonly type: 'output'; readonly typeName: string | null; readonly data: unknown; readonly computerName?: string }
  /** A request for the caller's PSSession (-Session): the module runs it there and replies with a relayAnswer. */
  | { readonly id: number; readonly type: 'relay'; readonly relayId: number; readonly sessionId: string; readonly request: string; readonly hostRoot: string; readonly timeoutMs: number }
  | { readonly id: number; readonly type: 'verbose' | 'warning'; readonly message: string }
  | { readonly id: number; readonly type: 'progress'; readonly progress: ProgressUpdate }
  | { readonly id: number; readonly type: 'shouldProcess'; readonly target: string; readonly action: string }
  | { readonly id: number; readonly type: 'error'; readonly error: ErrorRecordData }
  /** An error the cmdlet writes and goes on from (Get- found nothing for one name): WriteError, honouring -ErrorAction. */
  | { readonly id: number; readonly type: 'nonTerminatingError'; readonly error: ErrorRecordData }
  | { readonly id: number; readonly type: 'done' };

const credentialSchema = {
  type: 'object',
  required: ['userName', 'password'],
  additionalProperties: false,
  properties: { userName: { type: 'string', minLength: 1 }, password: { type: 'string' } },
} as const;

const connectionSchema = {
  type: 'object',
  required: ['transport', 'computerName'],
  additionalProperties: false,
  properties: {
    transport: { enum: ['WSMan', 'SSH'] },
    computerName: { type: 'string', minLength: 1, maxLength: 255 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    userName: { type: 'string', minLength: 1 },
    keyFilePath: { type: 'string', minLength: 1 },
    useSSL: { type: 'boolean' },
    authentication: { enum: ['Default', 'Basic', 'Negotiate', 'NegotiateWithImplicitCredential', 'Credssp', 'Digest', 'Kerberos'] },
    configurationName: { type: 'string', minLength: 1 },
    options: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const targetSchema = {
  oneOf: [
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'local' } } },
    {
      type: 'object',
      required: ['kind', 'statePath'],
      additionalProperties: false,
      properties: { kind: { const: 'simulator' }, statePath: { type: 'string', minLength: 1 } },
    },
    { type: 'object', required: ['kind', 'connection'], additionalProperties: false, properties: { kind: { const: 'remote' }, connection: connectionSchema } },
    {
      type: 'object',
      required: ['kind', 'computerName', 'sessionId'],
      additionalProperties: false,
      properties: { kind: { const: 'callerSession' }, computerName: { type: 'string', minLength: 1 }, sessionId: { type: 'string', minLength: 1 } },
    },
  ],
} as const;

const requestSchema = {
  type: 'object',
  required: ['id', 'command', 'parameters', 'credentials'],
  anyOf: [
    { required: ['target'], properties: { target: targetSchema } },
    { required: ['targets'], properties: { targets: { type: 'array' } } },
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', minimum: 0 },
    command: { type: 'string', minLength: 1 },
    parameters: { type: 'object' },
    credentials: { type: 'object', additionalProperties: credentialSchema },
    whatIf: { type: 'boolean' },
    verbose: { type: 'boolean' },
    dataFolder: { type: ['string', 'null'], minLength: 1 },
    target: targetSchema,
    targets: { type: 'array', minItems: 1, maxItems: 256, items: targetSchema },
    throttleLimit: { type: 'integer', minimum: 1, maximum: 256 },
  },
} as const;

const relayAnswerSchema = {
  type: 'object',
  required: ['id', 'type', 'relayId', 'line'],
  additionalProperties: false,
  properties: { id: { type: 'integer' }, type: { const: 'relayAnswer' }, relayId: { type: 'integer' }, line: { type: 'string' } },
} as const;

const answerSchema = {
  type: 'object',
  required: ['id', 'type', 'value'],
  additionalProperties: false,
  properties: { id: { type: 'integer' }, type: { const: 'answer' }, value: { type: 'boolean' } },
} as const;

/** Validates one request line's object. */
export const validateCoreRequest = compileSchema<CoreRequest>(requestSchema);

/** Validates one relayed answer's object. */
export const validateCoreRelayAnswer = compileSchema<CoreRelayAnswer>(relayAnswerSchema);

/** Validates one answer line's object. */
export const validateCoreAnswer = compileSchema<CoreAnswer>(answerSchema);
