import { compileSchema } from '../util/validation.js';
import type { RecoveryJournal } from './journal-types.js';

const nullableString = { type: ['string', 'null'] } as const;

/** The journal's JSON Schema: a file that does not match it is never trusted for a resume. */
export const journalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'recoveryId', 'server', 'startedBy', 'startedAt', 'updatedAt', 'endedAt', 'status', 'initialDiagnosis', 'forced', 'keyAbandonCount', 'steps', 'events'],
  properties: {
    format: { const: 'AADSyncKey.RecoveryJournal/1' },
    recoveryId: { type: 'string', pattern: '^[0-9A-Za-z-]+$' },
    server: {
      type: 'object', additionalProperties: false, required: ['computerName', 'installLocation', 'id'],
      properties: { computerName: { type: 'string' }, installLocation: { type: 'string' }, id: { type: 'string' } },
    },
    startedBy: { type: 'string' },
    startedAt: { type: 'string' },
    updatedAt: { type: 'string' },
    endedAt: nullableString,
    status: { enum: ['Running', 'Succeeded', 'Failed', 'Stopped', 'Superseded', 'Cancelled'] },
    initialDiagnosis: { type: 'object', additionalProperties: false, required: ['status', 'summary'], properties: { status: { type: 'string' }, summary: { type: 'string' } } },
    forced: { type: 'boolean' },
    connectorSource: { enum: ['Live', 'Inventory', 'Typed'] },
    aadIdentity: { enum: ['Application', 'ServiceAccount'] },
    keyAbandonCount: { type: 'integer', minimum: 0 },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'target', 'description', 'status', 'startedAt', 'endedAt', 'attempts', 'verified', 'error'],
        properties: {
          id: { type: 'string' },
          kind: { enum: ['StopService', 'AbandonKey', 'StartService', 'CheckConnectors', 'ConnectorCredential', 'AADServiceAccount', 'VerifySync'] },
          target: { type: 'string' },
          description: { type: 'string' },
          connector: { type: 'string', minLength: 1 },
          mode: { enum: ['Known', 'Reset'] },
          status: { enum: ['Pending', 'Running', 'Done', 'Failed', 'Declined', 'Skipped'] },
          startedAt: nullableString,
          endedAt: nullableString,
          attempts: { type: 'integer', minimum: 0 },
          verified: nullableString,
          error: {
            anyOf: [
              { type: 'null' },
              { type: 'object', additionalProperties: false, required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
            ],
          },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['at', 'by', 'event', 'step'],
        properties: { at: { type: 'string' }, by: { type: 'string' }, event: { type: 'string' }, step: nullableString },
      },
    },
  },
} as const;

/** Validates a parsed journal file. */
export const validateJournal = compileSchema<RecoveryJournal>(journalSchema);
