import { createPublicKey, publicEncrypt, randomBytes, createCipheriv, constants, type KeyObject } from 'node:crypto';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { Secret } from './secret.js';

/** The public half of the RSA key that one PowerShell session made for itself (modulus and exponent, base64). */
export interface SessionPublicKey {
  readonly modulus: string;
  readonly exponent: string;
}

/** A password encrypted for one session: an AES-256-CBC payload whose key is wrapped with RSA-OAEP-SHA256. */
export interface SealedSecret {
  readonly wrappedKey: string;
  readonly iv: string;
  readonly cipherText: string;
}

// Active Directory caps passwords at 256 characters; anything longer is a mistake, not a password.
const MAX_SECRET_LENGTH = 1024;

/**
 * Encrypts secrets for one PowerShell session. Command text sent to the session is kept in node-powershell's
 * history and debug log, so a password may travel in it only sealed with a key whose private half never left
 * that session's memory.
 */
export class SecretSealer {
  readonly #key: KeyObject;

  constructor(publicKey: SessionPublicKey) {
    this.#key = createPublicKey({
      key: { kty: 'RSA', n: toBase64Url(publicKey.modulus), e: toBase64Url(publicKey.exponent) },
      format: 'jwk',
    });
  }

  seal(secret: Secret): SealedSecret {
    if (secret.length > MAX_SECRET_LENGTH) {
      throw new AADSyncKeyError('SecretTooLong', `A password of ${secret.length} characters was refused; the limit is ${MAX_SECRET_LENGTH}.`);
    }
    const aesKey = randomBytes(32);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', aesKey, iv);
    const cipherText = Buffer.concat([cipher.update(secret.reveal(), 'utf8'), cipher.final()]);
    const wrappedKey = publicEncrypt({ key: this.#key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
    aesKey.fill(0);
    return { wrappedKey: wrappedKey.toString('base64'), iv: iv.toString('base64'), cipherText: cipherText.toString('base64') };
  }
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
