import { hostname, userInfo } from 'node:os';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';

/** What a lock holder tells the next caller about itself. */
export interface ServerLockOwner {
  /** The cmdlet that holds the lock. */
  readonly command: string;
  readonly recoveryId?: string;
  readonly journalPath?: string;
}

/** Who holds a server's lock, as its record on the server says. */
// Who holds the lock, as Enter-ServerLock.ps1 reads it from the lock file.
const HOLDER = objectSchema(
  {
    command: { type: 'string' }, recoveryId: { type: 'string' }, journalPath: { type: 'string' }, corePid: { type: 'integer' },
    coreHost: { type: 'string' }, user: { type: 'string' }, sessionPid: { type: 'integer' }, since: { type: 'string' },
  },
  ['journalPath'],
);

/** Who holds the server's lock. */
export type ServerLockHolder = ResultOf<typeof HOLDER>;

// Enter-ServerLock.ps1's result.
const validateAnswer = resultSchema(objectSchema({ acquired: { type: 'boolean' }, lockPath: { type: 'string' }, holder: { anyOf: [{ type: 'null' }, HOLDER] } }));

// Exit-ServerLock.ps1's result.
const validateRelease = resultSchema(objectSchema({ released: { type: 'boolean' } }));

/** The user name journals and locks record. */
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

// A holder whose core on this machine is gone: its session is still finishing the command it was running (its
// operating-system lock ends with it), so waiting is right; a live holder elsewhere is a refusal.
function holderIsFinishing(holder: ServerLockHolder | null): boolean {
  return holder === null || (holder.coreHost === hostname() && !isAlive(holder.corePid));
}

function refusal(holder: ServerLockHolder | null, lockPath: string): AADSyncKeyError {
  if (holder === null) {
    return new AADSyncKeyError('ServerChangeInProgress', `Another AADSyncKey command holds this server's lock (${lockPath}) and has not said who it is; nothing was changed.`, { target: lockPath });
  }
  const who = `process ${holder.corePid} on ${holder.coreHost}, started by ${holder.user} at ${holder.since}`;
  if (holder.recoveryId !== '' || holder.command === 'Invoke-AADSyncKeyRecovery') {
    return new AADSyncKeyError(
      'RecoveryInProgress',
      `A recovery of this server is already running${holder.recoveryId === '' ? '' : ` (${holder.recoveryId})`}: ${who}. Nothing was changed. Lock file on the server: ${lockPath}.`,
      { target: lockPath },
    );
  }
  return new AADSyncKeyError('ServerChangeInProgress', `${holder.command} is changing this server right now: ${who}. Nothing was changed. Lock file on the server: ${lockPath}.`, { target: lockPath });
}

/** How long to wait for a lock whose holder's core has died and whose session is finishing its last command. */
const FINISHING_WAIT_MS = 90_000;
/** How long to wait for a holder that has the lock but has not written who it is yet. */
const UNRECORDED_WAIT_MS = 5_000;

/**
 * Takes the server-wide lock for this session (or, when the session holds it already, updates what it says about
 * its holder). Every command that changes the server takes it, so a Remove- from another window cannot abandon
 * the key under a running recovery. Fails with RecoveryInProgress or ServerChangeInProgress naming the holder.
 */
export async function enterServerLock(context: OperationContext, owner: ServerLockOwner): Promise<void> {
  const started = Date.now();
  let reported = false;
  for (;;) {
    const answer = await runScript(context, {
      script: 'Enter-ServerLock',
      arguments: { Command: owner.command, RecoveryId: owner.recoveryId ?? '', JournalPath: owner.journalPath ?? '', CorePid: process.pid, CoreHost: hostname(), User: currentUser() },
    }, validateAnswer);
    if (answer.acquired) return;
    // A holder not yet recorded is a moment away from writing its record; a finishing one may need a while.
    const patience = answer.holder === null ? UNRECORDED_WAIT_MS : FINISHING_WAIT_MS;
    if (!holderIsFinishing(answer.holder) || Date.now() - started > patience) throw refusal(answer.holder, answer.lockPath);
    if (!reported) {
      context.streams.verbose(`The server's lock is held by a session whose core has ended (${answer.holder === null ? 'holder not yet recorded' : `process ${answer.holder.corePid}`}); waiting for it to finish its last command.`);
      reported = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Releases the server-wide lock if this session holds it; a session that is gone has released it already. */
export async function exitServerLock(context: OperationContext): Promise<void> {
  try {
    await runScript(context, { script: 'Exit-ServerLock' }, validateRelease);
  } catch {
    // The session ended, and with its process the operating-system lock.
  }
}
