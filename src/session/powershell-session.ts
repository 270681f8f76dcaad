// The only file that imports node-powershell. It keeps one pwsh process for many commands and wraps the
// library's rough edges: every stderr byte counts as failure there, errors carry only a string, every
// command is kept in an unbounded history and written to a debug log, and a timed-out command keeps running.
import { PowerShell } from 'node-powershell';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { POWERSHELL_ROOT } from '../util/package-root.js';
import type { JsonValue } from '../util/json.js';
import { parseEnvelope, type Envelope } from './envelope.js';
import { quotePowerShellLiteral } from './quoting.js';
import type { SecretSealer } from './secret-sealer.js';
import { hostError, invokeThroughHost } from './envelope-channel.js';
import { locatePwsh } from './pwsh-locator.js';
import { killDescendants } from './process-tree.js';
import type { PowerShellSessionLike, ServerTarget, SessionInvocation, SessionResult } from './session-types.js';
import { SessionFailure, type SessionLifecycleEvent } from './session-lifecycle.js';

/**
 * What a session's process talks to: a server, or (hub) nothing of its own: the remote hub's process, whose
 * requests name the servers they are for (src/session/remote-hub.ts).
 */
export type SessionTarget = ServerTarget | { readonly kind: 'hub' };

/** How a session is started. */
export interface PowerShellSessionOptions {
  readonly target: SessionTarget;
  /** The pwsh executable; defaults to {@link locatePwsh}. */
  readonly pwshPath?: string;
  /** Time limit of one command unless the invocation sets its own. */
  readonly defaultTimeoutMs?: number;
  /** Time limit for starting pwsh and loading the host and target. */
  readonly startTimeoutMs?: number;
}

interface RunningShell {
  readonly shell: PowerShell;
  readonly pid: number;
  /** Made on the first command that carries a credential: generating the RSA key costs about half a second. */
  sealer: SecretSealer | undefined;
}

/**
 * Where the session is in its life: no process yet (or the last one ended), one starting, one ready for commands,
 * or disposed for good.
 */
type SessionState =
  | { readonly kind: 'idle'; readonly starts: number }
  | { readonly kind: 'starting'; readonly starts: number; readonly shell: Promise<RunningShell> }
  | { readonly kind: 'ready'; readonly starts: number; readonly shell: RunningShell }
  | { readonly kind: 'disposed' };

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;

/**
 * One long-lived PowerShell process that runs many commands. A command that times out or a process that
 * dies ends that process; the next command starts a fresh one, loaded with the same target. Each start and each
 * end is told to whoever watches ({@link SessionLifecycleEvent}): the request that saw it (so the admin reads
 * it with -Verbose) and the session's own listener.
 */
export class PowerShellSession implements PowerShellSessionLike {
  readonly #options: PowerShellSessionOptions;
  #state: SessionState = { kind: 'idle', starts: 0 };
  readonly #watchers = new Set<(event: SessionLifecycleEvent) => void>();
  // Commands run one at a time, like commands typed into one console.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PowerShellSessionOptions) {
    this.#options = options;
  }

  /** Runs one session script; invocations are queued, one at a time, like commands typed into one console. */
  invoke(invocation: SessionInvocation): Promise<SessionResult> {
    const next = this.#queue.then(() => this.#invokeNow(invocation));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  watch(listener: (event: SessionLifecycleEvent) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** Ends the pwsh process. Safe to call more than once and after failures. */
  async dispose(): Promise<void> {
    const before = this.#state;
    this.#state = { kind: 'disposed' };
    const running = before.kind === 'ready' ? before.shell : before.kind === 'starting' ? await before.shell.catch(() => undefined) : undefined;
    if (running !== undefined) {
      await killShell(running);
      this.#tell({ kind: 'ended', pid: running.pid, reason: 'disposed' });
    }
  }

  async #invokeNow(invocation: SessionInvocation): Promise<SessionResult> {
    if (this.#state.kind === 'disposed') {
      throw new SessionFailure('PowerShellSessionLost', 'The PowerShell session was disposed.', { script: invocation.script });
    }
    const running = await this.#ensureStarted(invocation);
    const timeoutMs = invocation.timeoutMs ?? this.#options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      return await invokeThroughHost(
        (request, limit) => this.#send(running, request, limit),
        running,
        invocation,
        timeoutMs,
        this.#options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      );
    } catch (error) {
      // A remote server's session is gone: this process's PSSession (and the key its secrets were sealed with)
      // is of no further use, so the next command starts afresh and connects again.
      if (error instanceof AADSyncKeyError && error.code === 'RemoteSessionLost') {
        await this.#end(running, { reason: 'remoteLost', script: invocation.script });
      }
      throw error;
    }
  }

  #ensureStarted(invocation: SessionInvocation): Promise<RunningShell> {
    const state = this.#state;
    if (state.kind === 'ready') return Promise.resolve(state.shell);
    if (state.kind === 'starting') return state.shell;
    if (state.kind === 'disposed') return Promise.reject(new SessionFailure('PowerShellSessionLost', 'The PowerShell session was disposed.', { script: invocation.script }));
    const starts = state.starts + 1;
    const starting = this.#start(starts);
    this.#state = { kind: 'starting', starts, shell: starting };
    starting.then(
      (running) => {
        if (this.#state.kind === 'starting' && this.#state.shell === starting) this.#state = { kind: 'ready', starts, shell: running };
      },
      // A failed start is not kept: the next command tries again.
      () => {
        if (this.#state.kind === 'starting' && this.#state.shell === starting) this.#state = { kind: 'idle', starts };
      },
    );
    return starting;
  }

  async #start(starts: number): Promise<RunningShell> {
    const { target } = this.#options;
    const executable = this.#options.pwshPath ?? locatePwsh(process.env, target.kind === 'hub' ? undefined : target);
    const startTimeout = this.#options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const prewarmedShell = takePrewarmed(executable);
    const prepared = prewarmedShell === undefined
      ? await prepareShell(executable, startTimeout)
      : await prewarmedShell.catch(() => prepareShell(executable, startTimeout));
    this.#tell({ kind: 'started', pid: prepared.pid, executable, prewarmed: prewarmedShell !== undefined, restart: starts > 1 });
    if (target.kind === 'hub') return prepared;
    try {
      const connected = await this.#send(prepared, { script: 'Connect-Target', arguments: targetArguments(target) }, startTimeout);
      if (!connected.ok && connected.error !== null) {
        throw hostError(connected, 'Connect-Target');
      }
      return prepared;
    } catch (error) {
      // A SessionFailure has ended the process and said so already.
      if (!(error instanceof SessionFailure)) {
        await killShell(prepared);
        this.#tell({ kind: 'ended', pid: prepared.pid, reason: 'failed', script: 'Connect-Target' });
      }
      if (error instanceof AADSyncKeyError) throw error;
      throw new AADSyncKeyError('PowerShellUnavailable', `PowerShell at '${executable}' did not start its session.`, { cause: error, target: executable });
    }
  }

  async #send(running: RunningShell, request: Record<string, JsonValue | object>, timeoutMs: number): Promise<Envelope> {
    const payload = Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
    const script = typeof request['script'] === 'string' ? request['script'] : 'a command';
    try {
      return parseEnvelope(await invokeWithin(running, `Invoke-AADSyncKeyRequest ${quotePowerShellLiteral(payload)}`, timeoutMs));
    } catch (error) {
      // invokeWithin has killed the process: the session forgets it, and says why.
      if (error instanceof AADSyncKeyError && (error.code === 'PowerShellTimeout' || error.code === 'PowerShellSessionLost')) {
        this.#forget(running);
        this.#tell({ kind: 'ended', pid: running.pid, reason: error.code === 'PowerShellTimeout' ? 'timeout' : 'failed', script, timeoutMs });
        throw new SessionFailure(error.code, error.message, { script, timeoutMs, pid: running.pid, cause: error.cause });
      }
      throw error;
    }
  }

  // Ends the given process (if it is the session's current one, the next command starts anew) and says why.
  async #end(running: RunningShell, why: Omit<Extract<SessionLifecycleEvent, { kind: 'ended' }>, 'kind' | 'pid'>): Promise<void> {
    this.#forget(running);
    await killShell(running);
    this.#tell({ kind: 'ended', pid: running.pid, ...why });
  }

  // Forgets a process that was killed: the session is idle until the next command starts one.
  #forget(running: RunningShell): void {
    const state = this.#state;
    if (state.kind === 'ready' && state.shell === running) this.#state = { kind: 'idle', starts: state.starts };
  }

  #tell(event: SessionLifecycleEvent): void {
    for (const watcher of this.#watchers) watcher(event);
  }
}

/**
 * Starts pwsh and loads the session host; what is left for a session is to connect its target. Nothing here
 * depends on the target, so the core can do it before a request arrives.
 */
async function prepareShell(executable: string, startTimeoutMs: number): Promise<RunningShell> {
  if ((executable.includes('/') || executable.includes('\\')) && !existsSync(executable)) {
    throw new AADSyncKeyError('PowerShellUnavailable', `PowerShell was not found at '${executable}'; set AADSYNCKEY_PWSH or run npm run setup.`, { target: executable });
  }
  let shell: PowerShell;
  try {
    shell = new PowerShell({
      executable,
      executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
      // A dumb terminal: once the session has run a child process, .NET otherwise writes terminal mode escapes
      // (ESC[?1h ESC[?1l) around output, and node-powershell can miss its end-of-command marker and hang.
      spawnOptions: { env: { ...process.env, TERM: 'dumb' } },
      debug: false,
    });
  } catch (cause) {
    throw new AADSyncKeyError('PowerShellUnavailable', `PowerShell could not be started from '${executable}'.`, { cause });
  }
  const started: ShellProcess = { shell, pid: undefined };
  try {
    // The process id comes from PowerShell itself ($PID): node-powershell keeps its child process private.
    const raw = await invokeWithin(started, `. ${quotePowerShellLiteral(join(POWERSHELL_ROOT, 'SessionHost.ps1'))}; [Console]::Out.WriteLine('${PID_MARKER}' + $PID)`, startTimeoutMs);
    const pid = Number(new RegExp(`${PID_MARKER}(\\d+)`).exec(raw)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid)) throw new AADSyncKeyError('PowerShellUnavailable', `PowerShell at '${executable}' did not say its process id.`, { target: executable });
    return { shell, pid, sealer: undefined };
  } catch (error) {
    await killShell(started);
    if (error instanceof AADSyncKeyError && error.code !== 'PowerShellSessionLost') throw error;
    throw new AADSyncKeyError('PowerShellUnavailable', `PowerShell at '${executable}' did not start its session; set AADSYNCKEY_PWSH or run npm run setup.`, { cause: error, target: executable });
  }
}

let prewarmed: { readonly executable: string; readonly shell: Promise<RunningShell> } | undefined;

/**
 * Starts a pwsh for the first session now, while the rest of the core is still loading: starting PowerShell is
 * most of a cold call's time. The first session to start takes it; {@link discardPrewarmedPowerShell} ends it
 * if none does.
 */
export function prewarmPowerShell(executable: string = locatePwsh()): void {
  if (prewarmed !== undefined) return;
  const shell = prepareShell(executable, DEFAULT_START_TIMEOUT_MS);
  shell.catch(() => undefined);
  prewarmed = { executable, shell };
}

/** Ends a prewarmed pwsh that no session took. */
export async function discardPrewarmedPowerShell(): Promise<void> {
  const unused = prewarmed;
  prewarmed = undefined;
  const prepared = await unused?.shell.catch(() => undefined);
  if (prepared !== undefined) await killShell(prepared);
}

function takePrewarmed(executable: string): Promise<RunningShell> | undefined {
  if (prewarmed?.executable !== executable) return undefined;
  const { shell } = prewarmed;
  prewarmed = undefined;
  return shell;
}

/** A pwsh process, with its id once PowerShell has said it. */
interface ShellProcess {
  readonly shell: PowerShell;
  readonly pid: number | undefined;
}

const PID_MARKER = '@@AADSYNCKEY-PID@@';

// Runs one command text with a time limit; on time-out or failure the process is killed (it may still be busy).
async function invokeWithin(child: ShellProcess, command: string, timeoutMs: number): Promise<string> {
  const { shell } = child;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AADSyncKeyError('PowerShellTimeout', `A PowerShell command did not finish within ${timeoutMs} ms; its session was ended.`)), timeoutMs);
  });
  try {
    const result = await Promise.race([shell.invoke(command), timedOut]);
    return result.raw;
  } catch (error) {
    await killShell(child);
    if (error instanceof AADSyncKeyError) throw error;
    throw new AADSyncKeyError('PowerShellSessionLost', 'The PowerShell session failed while running a command; it will be restarted on the next command.', { cause: scrubbed(error) });
  } finally {
    clearTimeout(timer);
    // node-powershell keeps every command text forever; keep none.
    shell.history.length = 0;
  }
}

// Ends pwsh and everything it started: a script killed at its time limit may have a child (miiskmu.exe) that
// would otherwise go on changing the server. node-powershell's dispose() waits for an exit event that a process
// which never started does not send, so the wait is bounded.
async function killShell({ shell, pid }: ShellProcess): Promise<void> {
  if (pid !== undefined) killDescendants(pid);
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 3000);
  });
  await Promise.race([shell.dispose('SIGKILL').catch(() => undefined), bounded]);
  clearTimeout(timer);
}

function targetArguments(target: ServerTarget): Record<string, JsonValue> {
  switch (target.kind) {
    case 'simulator':
      return { Kind: 'simulator', StatePath: target.statePath };
    case 'remote':
      throw new AADSyncKeyError('InvalidRemoteTarget', `${target.connection.computerName} is reached through the core's remote hub, not a session of its own.`, { target: target.connection.computerName });
    case 'callerSession':
      throw new AADSyncKeyError('InvalidRemoteTarget', `The PSSession to ${target.computerName} belongs to the caller's PowerShell; the core cannot open it itself.`, { target: target.computerName });
    case 'local':
      return { Kind: 'local' };
  }
}

// node-powershell's InvocationError message is the raw stderr text: keep only its first line as a hint.
function scrubbed(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.split(/\r?\n/)[0]?.slice(0, 300) ?? '');
}
