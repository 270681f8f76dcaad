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

// pwsh may put terminal control sequences on the same line before the marker, so the marker is searched for.
const ENVELOPE_PATTERN = new RegExp(`${ENVELOPE_MARKER}([A-Za-z0-9+/=]+)`);

/** Finds and decodes the envelope in a session's raw output; anything else on stdout is ignored. */
export function parseEnvelope(rawOutput: string): Envelope {
  const match = ENVELOPE_PATTERN.exec(rawOutput);
  if (match === null) {
    throw new AADSyncKeyError('ProtocolViolation', 'The PowerShell session answered without an envelope line.');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(match[1] ?? '', 'base64').toString('utf8'));
  } catch (cause) {
    throw new AADSyncKeyError('ProtocolViolation', 'The PowerShell session answered with an envelope that is not JSON.', { cause });
  }
  if (!validateEnvelope(decoded)) {
    const detail = validateEnvelope.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new AADSyncKeyError('ProtocolViolation', `The PowerShell session's envelope did not match its schema: ${detail}`);
  }
  return decoded;
}
