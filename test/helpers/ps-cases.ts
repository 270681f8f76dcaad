import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** What one case of a PowerShell test script reported. */
export interface CaseOutcome {
  readonly ok: boolean;
  readonly output: unknown;
  readonly errorId?: string;
  readonly category?: string;
  readonly message?: string;
  readonly target?: string;
  readonly recommendedAction?: string;
  /** Whether the simulated server's state.json changed during the case. */
  readonly stateChanged: boolean;
  readonly keyState: string;
  readonly keyGeneration: number;
  readonly serviceStatus: string;
  readonly verbose: string[];
  readonly warnings: string[];
  readonly abandonCount: number;
}

/** Defines New-TestCredential <user> <password> (a PSCredential from a password read on standard input). */
export const NEW_TEST_CREDENTIAL = `. ${quotePowerShellLiteral(join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'TestCredential.ps1'))}`;

/** The harness of the tests' PowerShell scripts: New-TestCredential and Invoke-Case (a parseable .ps1 file). */
export const CASE_HARNESS = join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'CaseHarness.ps1');

/**
 * The prelude of a test script held in TypeScript: dot-sources the harness, which imports the simulator and the
 * module and defines New-TestCredential and Invoke-Case (see CaseHarness.ps1).
 */
export function casePrelude(dataFolder: string): string {
  return `. ${quotePowerShellLiteral(CASE_HARNESS)} -DataFolder ${quotePowerShellLiteral(dataFolder)}\n`;
}

/** The end of a test script: every case's outcome as JSON. */
export const CASES_JSON = '$outcomes | ConvertTo-Json -Depth 8';

/** One named case's outcome; a missing one fails the test that asked for it. */
export function caseOutcome(outcomes: Readonly<Record<string, CaseOutcome>>, name: string): CaseOutcome {
  const found = outcomes[name];
  if (found === undefined) throw new Error(`no outcome for ${name}`);
  return found;
}

/** The first object a case wrote. */
export function firstOutput<T>(outcomes: Readonly<Record<string, CaseOutcome>>, name: string): T {
  return (caseOutcome(outcomes, name).output as T[])[0] as T;
}

/** An AADSyncKey.RecoveryResult (or RecoveryPlan) as a test reads it from JSON. */
export interface RecoveryOutput {
  readonly Outcome: string;
  readonly Resumed: boolean;
  readonly KeyAbandonCount: number;
  readonly StepsDone: number;
  readonly StepCount: number;
  readonly StoppedAt: string | null;
  readonly JournalPath: string | null;
  readonly Steps: Array<{ Step: string; Status: string; Attempts: number; Verified: string | null; Error: string | null }>;
}
