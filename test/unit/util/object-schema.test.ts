import { expect } from 'chai';
import { compileTypedSchema, objectSchema } from '../../../src/util/validation.js';

describe('objectSchema', () => {
  const schema = objectSchema({ name: { type: 'string' }, pid: { type: ['integer', 'null'] }, note: { type: 'string' } }, ['note']);
  const validate = compileTypedSchema(schema);

  it('requires every property but those named optional, in declaration order', () => {
    expect(schema.required).to.deep.equal(['name', 'pid']);
  });

  it('makes a validator that refuses a missing required property and accepts a missing optional one', () => {
    expect(validate({ name: 'a', pid: null })).to.equal(true);
    expect(validate({ name: 'a', pid: 3, note: 'n' })).to.equal(true);
    expect(validate({ name: 'a' })).to.equal(false);
    expect(validate({ name: 'a', pid: 'x' })).to.equal(false);
  });

  it('nests: an object schema inside another is checked too', () => {
    const outer = compileTypedSchema(objectSchema({ items: { type: 'array', items: schema } }));
    expect(outer({ items: [{ name: 'a', pid: 1 }] })).to.equal(true);
    expect(outer({ items: [{ name: 'a' }] })).to.equal(false);
  });
});
