import { expect } from 'chai';
import { COMMAND_DEFINITIONS } from '../../../src/commands/registry.js';
import { compileDeclaredSchemas, compileSchema } from '../../../src/util/validation.js';
import '../../../src/cli/request-runner.js';
import '../../../src/recovery/journal-schema.js';

// Schemas compile when they first validate (a cheaper core start), so a schema Ajv rejects would surface only on
// the call that uses it. Here every schema the core declares is compiled at once.
describe('declared schemas', () => {
  it('every schema the core declares compiles under strict Ajv', () => {
    const count = compileDeclaredSchemas();
    // At least a request schema per command, plus the protocol, journal and session results.
    expect(count).to.be.greaterThan(COMMAND_DEFINITIONS.length + 10);
  });

  it('a lazily compiled validator reports errors like Ajv, and a bad schema throws on first use', () => {
    const validate = compileSchema<{ name: string }>({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
    expect(validate({ name: 'a' })).to.equal(true);
    expect(validate.errors).to.equal(null);
    expect(validate({})).to.equal(false);
    expect(validate.errors?.[0]?.params).to.deep.equal({ missingProperty: 'name' });
    const broken = compileSchema({ type: 'object', properties: { name: { type: 'no-such-type' } } });
    expect(() => broken({})).to.throw();
  });
});
