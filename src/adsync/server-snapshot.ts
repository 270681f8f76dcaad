import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { StreamSink } from '../core/command-context.js';
import { forwardSessionRecords } from '../core/forward-records.js';
import type { PowerShellSessionLike } from '../session/session-types.js';
import { compileTypedSchema, describeSchemaErrors, type SchemaType } from '../util/validation.js';

// Get-ServerState.ps1's result, declared once as its schema; the types below are derived from it.
const nullableString = { type: ['string', 'null'] } as const;

const EVENT = {
  type: 'object',
  required: ['id', 'logName', 'providerName', 'level', 'timeCreated', 'recordId', 'message'],
  properties: {
    id: { type: 'integer' }, logName: { type: 'string' }, providerName: { type: 'string' }, level: { type: 'string' },
    timeCreated: nullableString, recordId: { type: 'integer' }, message: { type: 'string' },
  },
} as const;

/** An event from the Application or System log. */
export type ServerEvent = SchemaType<typeof EVENT>;

const CONNECTOR = {
  type: 'object',
  required: ['name', 'identifier', 'type', 'connectorTypeName', 'subtype', 'forest', 'loginUser', 'loginDomain', 'aadUserName'],
  properties: {
    name: { type: 'string' }, identifier: { type: 'string' }, type: { type: 'string' }, connectorTypeName: { type: 'string' },
    subtype: { type: 'string' }, forest: nullableString, loginUser: nullableString, loginDomain: nullableString, aadUserName: nullableString,
  },
} as const;

/** A connector as the ADSync module reports it (never a password). */
export type ConnectorSnapshot = SchemaType<typeof CONNECTOR>;

const RUN_RESULT = {
  type: 'object',
  required: ['connectorName', 'connectorId', 'runProfileName', 'result', 'startDate'],
  properties: {
    connectorName: { type: 'string' }, connectorId: { type: 'string' }, runProfileName: { type: 'string' },
    result: { type: 'string' }, startDate: nullableString,
  },
} as const;

/** The latest run of one connector. */
export type RunResultSnapshot = SchemaType<typeof RUN_RESULT>;

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
          items: CONNECTOR,
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
    events: { type: 'array', items: EVENT },
    keyAbandon: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['state', 'recoveryId', 'endedAt'], properties: { state: { type: 'string' }, recoveryId: { type: 'string' }, endedAt: nullableString } },
      ],
    },
    credentialsReentered: { type: 'object', additionalProperties: nullableString },
    readFailures: { type: 'object', additionalProperties: { type: 'string' } },
    runResults: { type: 'array', items: RUN_RESULT },
  },
} as const;

/**
 * Everything read from the server in one round trip by Get-ServerState.ps1. buildSource: where the build was read
 * (the product's registry Version, undocumented; the engine's file version; or the sync engine's
 * ServerConfigurationVersion). keyAbandon: this module's record of the last key abandon; credentialsReentered: its
 * record of credentials entered again (connector name, or '@AzureAD', to time); readFailures: reads that failed
 * (the rest of the snapshot still holds).
 */
export type ServerSnapshot = SchemaType<typeof snapshotSchema>;

const validateSnapshot = compileTypedSchema(snapshotSchema);

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
