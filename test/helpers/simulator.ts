import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPwshFileJson, testScript } from './pwsh.js';

/** How to build a simulated server for a test. */
export interface SimServerSpec {
  readonly scenario?: readonly string[];
  readonly forestCount?: number;
  readonly forestNames?: readonly string[];
  readonly build?: string;
  /** The server's display language (Service Control Manager messages). */
  readonly language?: 'en-US' | 'de-DE';
  /** The server's computer name (New-SimADSyncServer -ServerName). */
  readonly serverName?: string;
  /** Log other services' and providers' events with the same ids beside ADSync's (Add-SimEventNoise). */
  readonly noise?: boolean;
}

/** What New-SimADSyncServer reported. */
export interface SimServerInfo {
  readonly Path: string;
  readonly Connectors: string[];
  readonly Forests: string[];
}

/** Builds a simulated server in `path` through the simulator's own PowerShell command, in a real pwsh. */
export async function createSimServer(path: string, spec: SimServerSpec = {}): Promise<SimServerInfo> {
  const [made] = await createSimServers([{ path, ...spec }]);
  if (made === undefined) throw new Error(`no server was made at ${path}`);
  return made;
}

/** Builds several simulated servers in one pwsh (a pwsh start is most of the cost of a small server). */
export function createSimServers(specs: ReadonlyArray<SimServerSpec & { readonly path: string }>): Promise<SimServerInfo[]> {
  return runPwshFileJson<SimServerInfo[]>(testScript('New-TestServer.ps1'), [], { stdin: JSON.stringify(specs), timeoutMs: 300_000 });
}

/**
 * A fault of a simulated server's commands (Set-SimFault): 'slow' waits delayMs, 'held' waits until the faults are
 * cleared (clearSimFaults), 'hang', 'fail', 'noop'...
 */
export interface SimFault {
  readonly command: string;
  readonly mode: string;
  readonly delayMs?: number;
}

/** Switches a fault of the simulated server at `statePath` on. */
export async function setSimFault(statePath: string, fault: SimFault): Promise<void> {
  await runPwshFileJson(testScript('Set-TestFault.ps1'), ['-Server', statePath, '-Command', fault.command, '-Mode', fault.mode, '-DelayMs', String(fault.delayMs ?? 0)]);
}

/** Switches every fault of the simulated server at `statePath` off. */
export async function clearSimFaults(statePath: string): Promise<void> {
  await runPwshFileJson(testScript('Set-TestFault.ps1'), ['-Server', statePath, '-Clear']);
}

/** The simulated server's key as the simulator keeps it. */
export function simKey(statePath: string): Promise<{ state: string; generation: number; abandonCount: number }> {
  return runPwshFileJson(testScript('Get-SimKey.ps1'), ['-Server', statePath]);
}

/**
 * Whether the simulated server at `statePath` holds a call of `command` now (a held fault's log entry not yet
 * released). Read from the state file itself, not through a pwsh: a test polls it.
 */
export function simHolds(statePath: string, command: string): boolean {
  let state: { heldLog?: Array<{ command: string; releasedAt: string | null }> };
  try {
    state = JSON.parse(readFileSync(join(statePath, 'state.json'), 'utf8')) as typeof state;
  } catch {
    return false;
  }
  return (state.heldLog ?? []).some((held) => held.command === command && held.releasedAt === null);
}
