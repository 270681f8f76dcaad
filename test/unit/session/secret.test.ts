import { expect } from 'chai';
import { inspect } from 'node:util';
import { generateKeyPairSync, privateDecrypt, createDecipheriv, constants } from 'node:crypto';
import { Secret } from '../../../src/session/secret.js';
import { SecretSealer } from '../../../src/session/secret-sealer.js';
import { AADSyncKeyError } from '../../../src/errors/aadsynckey-error.js';

describe('Secret', () => {
  const secret = new Secret('hunter2-canary');
  it('never shows its text when printed, serialized or inspected', () => {
    const shown = [String(secret), JSON.stringify({ secret }), inspect({ secret }), `${secret}`];
    for (const text of shown) expect(text).not.to.include('hunter2-canary');
  });
  it('hands the text out through reveal()', () => {
    expect(secret.reveal()).to.equal('hunter2-canary');
  });
});

describe('SecretSealer', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const fromUrl = (value: string | undefined): string => Buffer.from(value ?? '', 'base64url').toString('base64');
  const sealer = new SecretSealer({ modulus: fromUrl(jwk.n), exponent: fromUrl(jwk.e) });

  it('seals so that only the private key holder can read it', () => {
    const sealed = sealer.seal(new Secret('Pässwörd $x `y'));
    expect(JSON.stringify(sealed)).not.to.include('Pässwörd');
    const key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(sealed.wrappedKey, 'base64'));
    const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(sealed.iv, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.cipherText, 'base64')), decipher.final()]).toString('utf8');
    expect(plain).to.equal('Pässwörd $x `y');
  });

  it('uses a fresh key and IV every time', () => {
    const a = sealer.seal(new Secret('same'));
    const b = sealer.seal(new Secret('same'));
    expect(a.cipherText).not.to.equal(b.cipherText);
    expect(a.wrappedKey).not.to.equal(b.wrappedKey);
  });

  it('refuses an absurdly long password with SecretTooLong', () => {
    expect(() => sealer.seal(new Secret('x'.repeat(5000)))).to.throw(AADSyncKeyError).with.property('code', 'SecretTooLong');
  });
});
