// A mocha root-hook plugin (.mocharc.json "require"): it records where every timer, child process, socket, server
// and file watcher is created, and after the last test it lists the ones still holding the event loop, by kind and
// creation site, as a failure of the run. Mocha's `exit` option then ends the process with the run's status, so a
// leak is shown and counted instead of keeping a red run alive until CI's time runs out.
import { createHook } from 'node:async_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Resource kinds (async_hooks types) that can keep a Node process alive; requests and promises end by themselves. */
const HOLDING_KINDS = new Set([
  'Timeout', 'PROCESSWRAP', 'TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'PIPESERVERWRAP', 'UDPWRAP', 'TTYWRAP',
  'FSEVENTWRAP', 'STATWATCHER', 'SIGNALWRAP', 'WORKER', 'MESSAGEPORT',
]);

/** How long the guard waits, after the last test, for handles that are already closing (a killed child's pipes). */
const CLOSING_GRACE_MS = 5000;

interface TrackedResource {
  readonly kind: string;
  readonly createdAt: string;
  readonly resource: object;
}

/** One resource still holding the event loop: its kind and the test-side frames that created it. */
export interface OpenHandle {
  readonly kind: string;
  readonly createdAt: string;
  /** For a child process: its id, so the guard can end what the suite started. */
  readonly pid?: number;
}

const live = new Map<number, TrackedResource>();
const THIS_FILE = fileURLToPath(import.meta.url);
const MOCHA_RUNNABLE = join('mocha', 'lib', 'runnable.js');

// The frames of a creation stack that belong to the project, not to Node or to a dependency.
function creationSite(stack: string | undefined): string {
  const frames = (stack ?? '').split('\n').slice(1).map((line) => line.trim())
    .filter((line) => !line.includes('node:') && !line.includes('node_modules') && !line.includes(THIS_FILE))
    .map((line) => line.replace(/^at /, ''));
  return frames.slice(0, 3).join(' <- ') || '(created inside Node or a dependency)';
}

// Mocha's own time limit of the test or hook that runs (the guard's hook included) is not a test's handle: its
// first frame outside Node and this guard is mocha's Runnable.
function isMochaTimeLimit(stack: string | undefined): boolean {
  const caller = (stack ?? '').split('\n').slice(1).find((line) => !line.includes('node:') && !line.includes(THIS_FILE));
  return caller?.includes(MOCHA_RUNNABLE) === true;
}

createHook({
  init(asyncId, type, _triggerId, resource) {
    if (!HOLDING_KINDS.has(type)) return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 30;
    const holder: { stack?: string } = {};
    Error.captureStackTrace(holder);
    Error.stackTraceLimit = limit;
    if (isMochaTimeLimit(holder.stack)) return;
    live.set(asyncId, { kind: type, createdAt: creationSite(holder.stack), resource });
  },
  destroy(asyncId) {
    live.delete(asyncId);
  },
}).enable();

// A standard stream's handle is the process's own, not a test's.
function isStandardStream(resource: object): boolean {
  const streams = [process.stdin, process.stdout, process.stderr] as unknown as { _handle?: object }[];
  return streams.some((stream) => stream._handle === resource);
}

function holdsEventLoop(resource: object): boolean {
  const refCheck = (resource as { hasRef?: () => boolean }).hasRef;
  return typeof refCheck === 'function' ? refCheck.call(resource) : true;
}

/** The resources created since this module loaded that still hold the event loop. */
export function openHandles(): OpenHandle[] {
  return [...live.values()]
    .filter((tracked) => !isStandardStream(tracked.resource) && holdsEventLoop(tracked.resource))
    .map(({ kind, createdAt, resource }) => {
      const pid = (resource as { pid?: unknown }).pid;
      return typeof pid === 'number' && pid > 0 ? { kind, createdAt, pid } : { kind, createdAt };
    });
}

/** Waits, without holding the event loop itself, until no handle is open or the grace time is over. */
async function settledOpenHandles(): Promise<OpenHandle[]> {
  const deadline = Date.now() + CLOSING_GRACE_MS;
  while (openHandles().length > 0 && Date.now() < deadline) {
    await new Promise<void>((resolve) => setTimeout(resolve, 50).unref());
  }
  return openHandles();
}

/** Mocha's root hooks: after the last test, a handle still open fails the run and is named. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(CLOSING_GRACE_MS + 10_000);
    const left = await settledOpenHandles();
    if (left.length === 0) return;
    // A child process a failed test left running was started by this suite: end it, by its id, before exiting.
    for (const handle of left) {
      if (handle.pid === undefined) continue;
      try {
        process.kill(handle.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const lines = left.map((handle) => `  ${handle.kind}${handle.pid === undefined ? '' : ` (process ${handle.pid}, ended)`} created at ${handle.createdAt}`);
    throw new Error(`${left.length} handle(s) still hold the event loop after the last test:\n${lines.join('\n')}`);
  },
};
