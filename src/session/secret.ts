import { inspect } from 'node:util';

const REDACTED = '[secret]';

/**
 * A password held by the core. It prints, serializes and inspects as `[secret]`, so logging a request or an
 * error cannot leak it; only {@link Secret.reveal} hands the text out, and only the session transport calls it.
 */
export class Secret {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** The password itself: for sealing into the PowerShell session, nothing else. */
  reveal(): string {
    return this.#text;
  }

  get length(): number {
    return this.#text.length;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** A user name with its password, to become a PSCredential inside the session. */
export interface SecretCredential {
  readonly userName: string;
  readonly password: Secret;
}
