import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';

/** Who holds a server's recovery lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly since: string;
}

/** The current user, as journals and locks name them. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, user: String(parsed.user), since: String(parsed.since) };
  } catch {
    return null;
  }
}

function tryCreate(path: string, holder: LockHolder): boolean {
  try {
    const handle = openSync(path, 'wx', 0o644);
    try {
      writeSync(handle, JSON.stringify(holder));
    } finally {
      closeSync(handle);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * One recovery per server at a time. The lock is a file created exclusively; it names its holder. A lock whose
 * holder process is gone from this machine (a killed core) is stale: it is moved aside atomically, so when two
 * processes find the same stale lock only one of them takes it over.
 */
export class RecoveryLock {
  readonly #path: string;
  #held = false;

  private constructor(path: string) {
    this.#path = path;
  }

  /** Takes the lock, or fails with RecoveryInProgress naming the live holder. Reports a stale lock taken over. */
  static acquire(path: string, onStaleLock: (holder: LockHolder | null) => void): RecoveryLock {
    mkdirSync(dirname(path), { recursive: true });
    const me: LockHolder = { pid: process.pid, host: hostname(), user: currentUser(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (tryCreate(path, me)) {
        const lock = new RecoveryLock(path);
        lock.#held = true;
        return lock;
      }
      const holder = readHolder(path);
      const stale = holder === null || (holder.host === me.host && !isAlive(holder.pid));
      if (!stale) {
        throw new AADSyncKeyError(
          'RecoveryInProgress',
          `A recovery of this server is already running: process ${holder.pid} on ${holder.host}, started by ${holder.user} at ${holder.since}. Lock file: ${path}.`,
          { target: path },
        );
      }
      try {
        // Only one taker's rename succeeds; the others see ENOENT and try again against the new lock.
        const aside = `${path}.stale-${process.pid}-${Date.now()}`;
        renameSync(path, aside);
        unlinkSync(aside);
        onStaleLock(holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    throw new AADSyncKeyError('RecoveryInProgress', `The recovery lock '${path}' keeps changing hands; another recovery is starting.`, { target: path });
  }

  /** Releases the lock (idempotent). */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      const holder = readHolder(this.#path);
      if (holder?.pid === process.pid) unlinkSync(this.#path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
