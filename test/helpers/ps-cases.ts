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
