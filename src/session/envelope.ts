import { Ajv } from 'ajv';
import { AADSyncKeyError, type PowerShellErrorInfo } from '../errors/aadsynckey-error.js';
import type { StreamRecord } from './session-types.js';

/** The marker that starts the one answer line of SessionHost.ps1. */
export const ENVELOPE_MARKER = '@@AADSYNCKEY-ENVELOPE@@';

/** One answer from the session host, after decoding. */
export interface Envelope {
  readonly ok: boolean;
  readonly output: unknown[];
  readonly records: StreamRecord[];
  readonly error: PowerShellErrorInfo | null;
}

const errorInfoSchema = {
  type: 'object',
  required: ['fullyQualifiedErrorId', 'category', 'message', 'targetObject', 'exceptionType'],
  properties: {
    fullyQualifiedErrorId: { type: 'string' },
    category: { type: 'string' },
    message: { type: 'string' },
    targetObject: { type: ['string', 'null'] },
    exceptionType: { type: 'string' },
  },
} as const;

const envelopeSchema = {
  type: 'object',
  required: ['ok', 'output', 'records', 'error'],
  properties: {
    ok: { type: 'boolean' },
    output: { type: 'array' },
    records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'message'],
        properties: {
          kind: { enum: ['verbose', 'warning', 'information', 'error'] },
          message: { type: 'string' },
          error: errorInfoSchema,
        },
      },
    },
    error: { anyOf: [{ type: 'null' }, errorInfoSchema] },
  },
} as const;

const validateEnvelope = new Ajv({ allErrors: true }).compile<Envelope>(envelopeSchema);

/** Finds and decodes the envelope line in a session's raw output; anything else on stdout is ignored. */
export function parseEnvelope(rawOutput: string): Envelope {
  const line = rawOutput.split(/\r?\n/).find((candidate) => candidate.startsWith(ENVELOPE_MARKER));
  if (line === undefined) {
    throw new AADSyncKeyError('ProtocolViolation', 'The PowerShell session answered without an envelope line.');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(line.slice(ENVELOPE_MARKER.length), 'base64').toString('utf8'));
  } catch (cause) {
    throw new AADSyncKeyError('ProtocolViolation', 'The PowerShell session answered with an envelope that is not JSON.', { cause });
  }
  if (!validateEnvelope(decoded)) {
    const detail = validateEnvelope.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new AADSyncKeyError('ProtocolViolation', `The PowerShell session's envelope did not match its schema: ${detail}`);
  }
  return decoded;
}
