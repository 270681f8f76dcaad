import { PowerShellSession } from '../session/powershell-session.js';
import type { PowerShellSessionLike, ServerTarget } from '../session/session-types.js';

/** Makes a session for a target; tests hand in their own. */
export type SessionFactory = (target: ServerTarget) => PowerShellSessionLike;

/** The default factory: a real long-lived pwsh. */
export const realSessionFactory: SessionFactory = (target) => new PowerShellSession({ target });

/**
 * Keeps one PowerShell session, for the target of the latest request: calls against the same server reuse it,
 * a call against another server ends it and starts one for the new target.
 */
export class SessionPool {
  readonly #factory: SessionFactory;
  #current: { key: string; session: PowerShellSessionLike } | undefined;

  constructor(factory: SessionFactory = realSessionFactory) {
    this.#factory = factory;
  }

  async sessionFor(target: ServerTarget): Promise<PowerShellSessionLike> {
    const key = JSON.stringify(target);
    if (this.#current?.key === key) return this.#current.session;
    await this.dispose();
    const session = this.#factory(target);
    this.#current = { key, session };
    return session;
  }

  async dispose(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await current?.session.dispose();
  }
}
