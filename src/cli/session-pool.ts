import { PowerShellSession } from '../session/powershell-session.js';
import type { PowerShellSessionLike, ServerTarget } from '../session/session-types.js';

/** Makes a session for a target; tests hand in their own. */
export type SessionFactory = (target: ServerTarget) => PowerShellSessionLike;

/** The default factory: a real long-lived pwsh. */
export const realSessionFactory: SessionFactory = (target) => new PowerShellSession({ target });

/** How many remote servers keep a warm session; the one used longest ago is ended first. */
const MAX_REMOTE_SESSIONS = 16;

/**
 * Keeps the core's PowerShell sessions. This machine (or a simulated server) has one: a call against another
 * local target ends it and starts one for the new target. Each remote server has its own, kept warm across calls
 * (one pwsh holding one PSSession to that server), so several servers can be read at once.
 */
export class SessionPool {
  readonly #factory: SessionFactory;
  #current: { key: string; session: PowerShellSessionLike } | undefined;
  readonly #remote = new Map<string, PowerShellSessionLike>();

  constructor(factory: SessionFactory = realSessionFactory) {
    this.#factory = factory;
  }

  async sessionFor(target: ServerTarget): Promise<PowerShellSessionLike> {
    const key = JSON.stringify(target);
    if (target.kind === 'remote') return this.#remoteSession(key, target);
    if (this.#current?.key === key) return this.#current.session;
    const previous = this.#current;
    this.#current = undefined;
    await previous?.session.dispose();
    const session = this.#factory(target);
    this.#current = { key, session };
    return session;
  }

  async #remoteSession(key: string, target: ServerTarget): Promise<PowerShellSessionLike> {
    const known = this.#remote.get(key);
    if (known !== undefined) {
      // Map order is use order: the most recently used goes last.
      this.#remote.delete(key);
      this.#remote.set(key, known);
      return known;
    }
    const session = this.#factory(target);
    this.#remote.set(key, session);
    while (this.#remote.size > MAX_REMOTE_SESSIONS) {
      const [oldestKey, oldest] = this.#remote.entries().next().value as [string, PowerShellSessionLike];
      this.#remote.delete(oldestKey);
      await oldest.dispose();
    }
    return session;
  }

  async dispose(): Promise<void> {
    const all = [...(this.#current === undefined ? [] : [this.#current.session]), ...this.#remote.values()];
    this.#current = undefined;
    this.#remote.clear();
    await Promise.all(all.map((session) => session.dispose()));
  }
}
