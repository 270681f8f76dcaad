import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { StreamSink } from '../core/command-context.js';
import { forwardSessionRecords } from '../core/forward-records.js';
import type { PowerShellSessionLike } from '../session/session-types.js';
import { compileSchema, describeSchemaErrors } from '../util/validation.js';

/** An event from the Application or System log. */
export interface ServerEvent {
  readonly id: number;
  readonly logName: string;
  readonly providerName: string;
  readonly level: string;
  readonly timeCreated: string | null;
  readonly recordId: number;
  readonly message: string;
}

/** A connector as the ADSync module reports it (never a password). */
export interface ConnectorSnapshot {
  readonly name: string;
  readonly identifier: string;
  readonly type: string;
  readonly connectorTypeName: string;
  readonly subtype: string;
  readonly forest: string | null;
  readonly loginUser: string | null;
  readonly loginDomain: string | null;
  readonly aadUserName: string | null;
}

/** The latest run of one connector. */
export interface RunResultSnapshot {
  readonly connectorName: string;
  readonly connectorId: string;
  readonly runProfileName: string;
  readonly result: string;
  readonly startDate: string | null;
}

/** Everything read from the server in one round trip by Get-ServerState.ps1. */
export interface ServerSnapshot {
  readonly computerName: string;
  readonly installed: boolean;
  readonly installLocation: string | null;
  readonly build: string | null;
  /** Where the build was read: the product's registry Version (undocumented), the engine's file version, or the sync engine's ServerConfigurationVersion. */
  readonly buildSource?: 'Registry' | 'FileVersion' | 'ServerConfigurationVersion' | null;
  readonly service: {
    readonly status: string;
    readonly startMode: string;
    readonly account: string;
    readonly exitCode: number;
    readonly serviceSpecificExitCode: number;
    readonly processId: number;
  } | null;
  readonly lastServiceStart: string | null;
  readonly connectors: ConnectorSnapshot[] | null;
  readonly connectorsUnavailableReason: string | null;
  readonly aadIdentityType: string | null;
  readonly stagingMode: boolean | null;
  readonly scheduler: {
    readonly syncCycleEnabled: boolean;
    readonly stagingModeEnabled: boolean;
    readonly schedulerSuspended: boolean;
    readonly syncCycleInProgress: boolean;
  } | null;
  readonly events: ServerEvent[];
  readonly runResults: RunResultSnapshot[];
  /** This module's record on the server of the last key abandon (absent where none was made through it). */
  readonly keyAbandon?: { readonly state: string; readonly recoveryId: string; readonly endedAt: string | null } | null;
  /** Reads that failed (the command, and the exception's type and message); the rest of the snapshot still holds. */
  readonly readFailures?: Readonly<Record<string, string>>;
  /** This module's record of credentials entered again: connector name (or '@AzureAD') to time. */
  readonly credentialsReentered?: Readonly<Record<string, string | null>>;
}

const nullableString = { type: ['string', 'null'] } as const;

const snapshotSchema = {
  type: 'object',
  required: ['computerName', 'installed', 'installLocation', 'build', 'service', 'lastServiceStart', 'connectors', 'connectorsUnavailableReason', 'aadIdentityType', 'stagingMode', 'scheduler', 'events', 'runResults'],
  properties: {
    computerName: { type: 'string' },
    installed: { type: 'boolean' },
    installLocation: nullableString,
    build: nullableString,
    buildSource: { enum: ['Registry', 'FileVersion', 'ServerConfigurationVersion', null] },
    service: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['status', 'startMode', 'account', 'exitCode', 'serviceSpecificExitCode', 'processId'],
          properties: {
            status: { type: 'string' }, startMode: { type: 'string' }, account: { type: 'string' },
            exitCode: { type: 'number' }, serviceSpecificExitCode: { type: 'number' }, processId: { type: 'number' },
          },
        },
      ],
    },
    lastServiceStart: nullableString,
    connectors: {
      anyOf: [
        { type: 'null' },
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'identifier', 'type', 'connectorTypeName', 'subtype', 'forest', 'loginUser', 'loginDomain', 'aadUserName'],
            properties: {
              name: { type: 'string' }, identifier: { type: 'string' }, type: { type: 'string' }, connectorTypeName: { type: 'string' },
              subtype: { type: 'string' }, forest: nullableString, loginUser: nullableString, loginDomain: nullableString, aadUserName: nullableString,
            },
          },
        },
      ],
    },
    connectorsUnavailableReason: nullableString,
    aadIdentityType: nullableString,
    stagingMode: { type: ['boolean', 'null'] },
    scheduler: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['syncCycleEnabled', 'stagingModeEnabled', 'schedulerSuspended', 'syncCycleInProgress'],
          properties: {
            syncCycleEnabled: { type: 'boolean' }, stagingModeEnabled: { type: 'boolean' },
            schedulerSuspended: { type: 'boolean' }, syncCycleInProgress: { type: 'boolean' },
          },
        },
      ],
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'logName', 'providerName', 'level', 'timeCreated', 'recordId', 'message'],
        properties: {
          id: { type: 'integer' }, logName: { type: 'string' }, providerName: { type: 'string' }, level: { type: 'string' },
          timeCreated: nullableString, recordId: { type: 'integer' }, message: { type: 'string' },
        },
      },
    },
    keyAbandon: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['state', 'recoveryId', 'endedAt'], properties: { state: { type: 'string' }, recoveryId: { type: 'string' }, endedAt: nullableString } },
      ],
    },
    credentialsReentered: { type: 'object', additionalProperties: nullableString },
    readFailures: { type: 'object', additionalProperties: { type: 'string' } },
    runResults: {
      type: 'array',
      items: {
        type: 'object',
        required: ['connectorName', 'connectorId', 'runProfileName', 'result', 'startDate'],
        properties: {
          connectorName: { type: 'string' }, connectorId: { type: 'string' }, runProfileName: { type: 'string' },
          result: { type: 'string' }, startDate: nullableString,
        },
      },
    },
  },
} as const;

const validateSnapshot = compileSchema<ServerSnapshot>(snapshotSchema);

/** Reads the server's state through the session and checks its shape before anything trusts it. */
export async function readServerSnapshot(session: PowerShellSessionLike, streams: Pick<StreamSink, 'verbose' | 'warning'>, timeoutSeconds?: number): Promise<ServerSnapshot> {
  const result = await session.invoke(timeoutSeconds === undefined ? { script: 'Get-ServerState' } : { script: 'Get-ServerState', timeoutMs: timeoutSeconds * 1000 });
  forwardSessionRecords(result.records, streams);
  const snapshot = result.output[0];
  if (!validateSnapshot(snapshot)) {
    throw new AADSyncKeyError('ProtocolViolation', `Get-ServerState returned data that did not match its schema: ${describeSchemaErrors(validateSnapshot.errors)}`);
  }
  return snapshot;
}
