import { HubSession } from '../session/hub-session.js';
import { PowerShellSession } from '../session/powershell-session.js';
import { locatePwsh } from '../session/pwsh-locator.js';
import { RemoteHub } from '../session/remote-hub.js';
import type { PowerShellSessionLike, ServerTarget } from '../session/session-types.js';

/** Makes a session for a target; tests hand in their own. */
export type SessionFactory = (target: ServerTarget) => PowerShellSessionLike;

/**
 * Keeps the core's PowerShell sessions. This machine (or a simulated server) has one: a call against another
 * local target ends it and starts one for the new target. Remote servers are reached through a remote hub: one
 * pwsh that holds a PSSession per server, kept warm across calls, and runs requests for several servers side by
 * side (one hub per PowerShell executable: WinRM from Windows runs in Windows PowerShell, SSH in PowerShell 7).
 * A remote server therefore costs a PSSession, not a process, and no session a call uses is ended to make room.
 */
export class SessionPool {
  readonly #factory: SessionFactory | undefined;
  #current: { key: string; session: PowerShellSessionLike } | undefined;
  readonly #remote = new Map<string, PowerShellSessionLike>();
  readonly #hubs = new Map<string, RemoteHub>();

  /** Without a factory, the sessions are real: a pwsh for this machine, the remote hub for other servers. */
  constructor(factory?: SessionFactory) {
    this.#factory = factory;
  }

  async sessionFor(target: ServerTarget): Promise<PowerShellSessionLike> {
    const key = JSON.stringify(target);
    if (target.kind === 'remote') {
      const known = this.#remote.get(key);
      if (known !== undefined) return known;
      const session = this.#factory?.(target) ?? new HubSession(this.#hubFor(target), key, target.connection);
      this.#remote.set(key, session);
      return session;
    }
    if (this.#current?.key === key) return this.#current.session;
    const previous = this.#current;
    this.#current = undefined;
    await previous?.session.dispose();
    const session = this.#factory?.(target) ?? new PowerShellSession({ target });
    this.#current = { key, session };
    return session;
  }

  #hubFor(target: ServerTarget): RemoteHub {
    const executable = locatePwsh(process.env, target);
    const known = this.#hubs.get(executable);
    if (known !== undefined) return known;
    // The hub's own process connects to nothing: its requests name their servers.
    const hub = new RemoteHub(new PowerShellSession({ target: { kind: 'hub' }, pwshPath: executable }));
    this.#hubs.set(executable, hub);
    return hub;
  }

  async dispose(): Promise<void> {
    const all = [...(this.#current === undefined ? [] : [this.#current.session]), ...(this.#factory === undefined ? [] : this.#remote.values())];
    const hubs = [...this.#hubs.values()];
    this.#current = undefined;
    this.#remote.clear();
    this.#hubs.clear();
    await Promise.all([...all.map((session) => session.dispose()), ...hubs.map((hub) => hub.dispose())]);
  }
}
