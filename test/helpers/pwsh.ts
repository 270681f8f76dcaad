import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePwsh } from '../../src/session/pwsh-locator.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** What a pwsh run printed and how it ended. */
export interface PwshRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** Options of one pwsh run. */
export interface PwshRunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Written to pwsh's standard input: how tests hand a canary password to PowerShell without a command line. */
  readonly stdin?: string;
  readonly timeoutMs?: number;
  /** The working directory; the repository root unless a test must keep the checkout out of reach. */
  readonly cwd?: string;
  /**
   * Leaves out -NonInteractive, so that prompts (ShouldProcess under -Confirm) read their answers from standard
   * input, after whatever the script itself reads there.
   */
  readonly answersPrompts?: boolean;
}

/** A pwsh started by a test: its process, and the promise of how it ended. */
export interface StartedPwsh {
  readonly pid: number;
  readonly done: Promise<PwshRun>;
}

// Starts pwsh on a script file with arguments, from the repository root unless told otherwise; `cleanup` runs when it has ended.
function spawnPwsh(file: string, args: readonly string[], options: PwshRunOptions, cleanup: () => void): StartedPwsh {
  const mode = options.answersPrompts === true ? [] : ['-NonInteractive'];
  const child = spawn(locatePwsh(), ['-NoProfile', ...mode, '-File', file, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = new Promise<PwshRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Unref'd: the child holds the event loop while it lives; its time limit must not hold it after.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000).unref();
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      cleanup();
      resolve({ stdout, stderr, exitCode });
    });
  });
  child.stdin.end(options.stdin ?? '');
  return { pid: child.pid ?? -1, done };
}

/** Starts a PowerShell script text in a new real pwsh (-File on a temporary script), from the repository root. */
export function startPwsh(script: string, options: PwshRunOptions = {}): StartedPwsh {
  const folder = mkdtempSync(join(tmpdir(), 'aadsynckey-test-'));
  const file = join(folder, 'test.ps1');
  writeFileSync(file, `$ErrorActionPreference = 'Stop'\n$PSStyle.OutputRendering = 'PlainText'\n${script}\n`, 'utf8');
  return spawnPwsh(file, [], options, () => rmSync(folder, { recursive: true, force: true }));
}

// The JSON document a run ended with, or an error carrying what it printed.
function jsonOf<T>(run: PwshRun): T {
  if (run.exitCode !== 0) {
    throw new Error(`pwsh exited ${run.exitCode}\nSTDOUT:\n${run.stdout}\nSTDERR:\n${run.stderr}`);
  }
  const start = run.stdout.search(/^[[{]/m);
  return JSON.parse(run.stdout.slice(start)) as T;
}

/** A PowerShell script of the integration tests (test/integration/scripts), by file name. */
export function testScript(name: string): string {
  return join(PACKAGE_ROOT, 'test', 'integration', 'scripts', name);
}

/** Starts a PowerShell test script file with arguments, for a test that acts while it runs. */
export function startPwshFile(file: string, args: readonly string[], options: PwshRunOptions = {}): StartedPwsh {
  return spawnPwsh(file, args, options, () => undefined);
}

/** Runs a PowerShell test script file (a .ps1 under test/) with arguments; it ends by writing one JSON document. */
export async function runPwshFileJson<T>(file: string, args: readonly string[], options: PwshRunOptions = {}): Promise<T> {
  return jsonOf<T>(await spawnPwsh(file, args, options, () => undefined).done);
}

/** Runs a PowerShell script text in a new real pwsh and waits for it to end (the benchmark's naive baseline: one command a pwsh). */
export function runPwsh(script: string, options: PwshRunOptions = {}): Promise<PwshRun> {
  return startPwsh(script, options).done;
}

/** The simulator module's manifest, for scripts that build servers. */
export const SIMULATOR_MANIFEST = join(PACKAGE_ROOT, 'src', 'simulator', 'AADSyncSim', 'AADSyncSim.psd1');

/** The generated module's manifest. */
export const MODULE_MANIFEST = join(PACKAGE_ROOT, 'psmodule', 'AADSyncKey.psd1');
