import { expect } from 'chai';
import { ENVELOPE_MARKER, parseEnvelope } from '../../../src/session/envelope.js';
import { AADSyncKeyError } from '../../../src/errors/aadsynckey-error.js';

function encode(value: unknown): string {
  return ENVELOPE_MARKER + Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

describe('parseEnvelope', () => {
  const ok = { ok: true, output: [{ a: 'ü' }], records: [{ kind: 'verbose', message: 'Get-Service' }], error: null };

  it('decodes the envelope even with terminal control sequences before it', () => {
    const envelope = parseEnvelope(`\u001b[?1h\u001b[?1l${encode(ok)}\nnoise`);
    expect(envelope.output).to.deep.equal([{ a: 'ü' }]);
    expect(envelope.records[0]?.message).to.equal('Get-Service');
  });

  const bad: ReadonlyArray<readonly [string, string]> = [
    ['no marker', 'just text'],
    ['not JSON', `${ENVELOPE_MARKER}bm90IGpzb24=`],
    ['wrong shape', encode({ ok: 'yes', output: [], records: [], error: null })],
    ['unknown record kind', encode({ ok: true, output: [], records: [{ kind: 'debug', message: 'x' }], error: null })],
  ];
  for (const [name, raw] of bad) {
    it(`rejects ${name} as a ProtocolViolation`, () => {
      expect(() => parseEnvelope(raw)).to.throw(AADSyncKeyError).with.property('code', 'ProtocolViolation');
    });
  }
});
