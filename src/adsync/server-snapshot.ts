import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { StreamSink } from '../core/command-context.js';
import { forwardSessionRecords } from '../core/forward-records.js';
import type { PowerShellSessionLike } from '../session/session-types.js';
import { compileTypedSchema, describeSchemaErrors, objectSchema, type SchemaType } from '../util/validation.js';

// Get-ServerState.ps1's result, declared once as its schema; the types below are derived from it.
const nullableString = { type: ['string', 'null'] } as const;

const EVENT = objectSchema({
  id: { type: 'integer' }, logName: { type: 'string' }, providerName: { type: 'string' }, level: { type: 'string' },
  timeCreated: nullableString, recordId: { type: 'integer' }, message: { type: 'string' },
  data: { type: 'array', items: { type: 'string' } },
}, ['data']);

/**
 * An event from the Application or System log; data: its insertion strings in order, which, unlike the message, no
 * language changes (7000 holds a logon failure's reason as %%1069).
 */
export type ServerEvent = SchemaType<typeof EVENT>;

const CONNECTOR = objectSchema({
  name: { type: 'string' }, identifier: { type: 'string' }, type: { type: 'string' }, connectorTypeName: { type: 'string' },
  subtype: { type: 'string' }, forest: nullableString, loginUser: nullableString, loginDomain: nullableString, aadUserName: nullableString,
});

/** A connector as the ADSync module reports it (never a password). */
export type ConnectorSnapshot = SchemaType<typeof CONNECTOR>;

const RUN_RESULT = objectSchema({
  connectorName: { type: 'string' }, connectorId: { type: 'string' }, runProfileName: { type: 'string' },
  result: { type: 'string' }, startDate: nullableString,
});

/** A finished run of one connector's run profile (the snapshot holds the newest ones, newest first). */
export type RunResultSnapshot = SchemaType<typeof RUN_RESULT>;

const snapshotSchema = objectSchema(
  {
    computerName: { type: 'string' },
    installed: { type: 'boolean' },
    installLocation: nullableString,
    build: nullableString,
    buildSource: { enum: ['Registry', 'FileVersion', 'ServerConfigurationVersion', null] },
    service: {
      anyOf: [
        { type: 'null' },
        objectSchema({
          status: { type: 'string' }, startMode: { type: 'string' }, account: { type: 'string' },
          exitCode: { type: 'number' }, serviceSpecificExitCode: { type: 'number' }, processId: { type: 'number' },
        }),
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
        objectSchema({
          syncCycleEnabled: { type: 'boolean' }, stagingModeEnabled: { type: 'boolean' },
          schedulerSuspended: { type: 'boolean' }, syncCycleInProgress: { type: 'boolean' },
        }),
      ],
    },
    events: { type: 'array', items: EVENT },
    keyAbandon: {
      anyOf: [
        { type: 'null' },
        objectSchema({ state: { type: 'string' }, recoveryId: { type: 'string' }, endedAt: nullableString }),
      ],
    },
    credentialsReentered: { type: 'object', additionalProperties: nullableString },
    readFailures: { type: 'object', additionalProperties: { type: 'string' } },
    serverRecordProblem: objectSchema({ errorId: { type: 'string', enum: ['ServerFolderUntrusted', 'ServerRecordCorrupt'] }, message: { type: 'string' }, path: { type: 'string' } }),
    runResults: { type: 'array', items: RUN_RESULT },
  },
  ['buildSource', 'keyAbandon', 'credentialsReentered', 'readFailures', 'serverRecordProblem'],
);

/**
 * Everything read from the server in one round trip by Get-ServerState.ps1. buildSource: where the build was read
 * (the product's registry Version, undocumented; the engine's file version; or the sync engine's
 * ServerConfigurationVersion). keyAbandon: this module's record of the last key abandon; credentialsReentered: its
 * record of credentials entered again (connector name, or '@AzureAD', to time); readFailures: reads that failed
 * (the rest of the snapshot still holds); serverRecordProblem: the server folder or one of its records could not be
 * trusted, so keyAbandon and credentialsReentered are empty (see serverRecordError).
 */
export type ServerSnapshot = SchemaType<typeof snapshotSchema>;

const validateSnapshot = compileTypedSchema(snapshotSchema);

/** Reads the server's state through the session and checks its shape before anything trusts it. */
/** The server folder's problem as the error a read-only cmdlet writes and goes on from, or null. */
export function serverRecordError(snapshot: ServerSnapshot): AADSyncKeyError | null {
  const problem = snapshot.serverRecordProblem;
  if (problem === undefined) return null;
  return new AADSyncKeyError(problem.errorId === 'ServerFolderUntrusted' ? 'ServerFolderUntrusted' : 'ServerRecordCorrupt', problem.message, { target: problem.path });
}

/** For a read-only cmdlet: writes the server folder's problem as an error record, and the cmdlet goes on. */
export function reportServerRecordProblem(snapshot: ServerSnapshot, streams: Pick<StreamSink, 'error'>): void {
  const error = serverRecordError(snapshot);
  if (error !== null) streams.error(error);
}

export async function readServerSnapshot(session: PowerShellSessionLike, streams: Pick<StreamSink, 'verbose' | 'warning'>, timeoutSeconds?: number): Promise<ServerSnapshot> {
  const result = await session.invoke(timeoutSeconds === undefined ? { script: 'Get-ServerState' } : { script: 'Get-ServerState', timeoutMs: timeoutSeconds * 1000 });
  forwardSessionRecords(result.records, streams);
  const snapshot = result.output[0];
  if (!validateSnapshot(snapshot)) {
    throw new AADSyncKeyError('ProtocolViolation', `Get-ServerState returned data that did not match its schema: ${describeSchemaErrors(validateSnapshot.errors)}`);
  }
  return snapshot;
}
