// Judges a delta cycle from every run it made: a connector fails only when a run could not sign in or connect.
import { connectorKind, type ConnectorKind } from '../adsync/connector-kind.js';
import { hasObjectErrors, runVerdict } from '../adsync/run-result.js';
import type { ServiceStartOutcome } from './start-service.js';

/** One run of the cycle, as the judgment names it. */
export interface CycleRun {
  readonly runProfileName: string;
  readonly result: string;
}

/** How one connector came out of the cycle. */
export interface ConnectorCycleResult {
  readonly connectorName: string;
  readonly kind: ConnectorKind;
  /** Failed: a run was refused its credential (CredentialRejected) or could not connect (Unreachable). */
  readonly verdict: 'Ran' | 'CredentialRejected' | 'Unreachable' | 'NoRun';
  /** The run that decided a failure, or undefined when the connector ran. */
  readonly failingRun: CycleRun | undefined;
  /** Every run of this connector in the cycle, in the order the server listed them. */
  readonly runs: readonly CycleRun[];
  /** Runs that completed with object errors (`completed-*-errors`): the connector ran; the errors are for the admin. */
  readonly runsWithErrors: readonly CycleRun[];
  /** Runs that stopped for a reason no password fixes, or ended with a result no public source lists. */
  readonly runsStoppedOtherwise: readonly CycleRun[];
}

/** Every connector's result of one cycle. */
export interface CycleJudgment {
  readonly connectors: readonly ConnectorCycleResult[];
  /** The connectors whose credential the cycle refused or could not try. */
  readonly failed: readonly ConnectorCycleResult[];
  /** What the administrator should hear although nothing failed: object errors, other stops. */
  readonly warnings: readonly string[];
}

/** A run as a message names it: "Export completed-export-errors". */
export function describeRun(run: CycleRun): string {
  return `${run.runProfileName || 'a run'} ${run.result}`;
}

function judgeConnector(name: string, kind: ConnectorKind, runs: readonly CycleRun[]): ConnectorCycleResult {
  const verdicts = runs.map((run) => ({ run, verdict: runVerdict(run.result, kind) }));
  const rejected = verdicts.find((v) => v.verdict === 'CredentialRejected');
  const unreachable = verdicts.find((v) => v.verdict === 'Unreachable');
  const verdict = runs.length === 0 ? 'NoRun' : rejected !== undefined ? 'CredentialRejected' : unreachable !== undefined ? 'Unreachable' : 'Ran';
  return {
    connectorName: name,
    kind,
    verdict,
    failingRun: (rejected ?? unreachable)?.run,
    runs,
    runsWithErrors: runs.filter((run) => hasObjectErrors(run.result)),
    runsStoppedOtherwise: verdicts.filter((v) => v.verdict === 'StoppedOtherwise' || v.verdict === 'Unrecognized').map((v) => v.run),
  };
}

function warningsOf(connector: ConnectorCycleResult): string[] {
  const warnings: string[] = [];
  if (connector.runsWithErrors.length > 0) {
    warnings.push(`The connector '${connector.connectorName}' ran, with object errors in ${connector.runsWithErrors.length} run(s) (${connector.runsWithErrors.map(describeRun).join(', ')}): they are not a credential problem; Synchronization Service Manager > Operations lists them.`);
  }
  if (connector.runsStoppedOtherwise.length > 0) {
    warnings.push(`The connector '${connector.connectorName}' signed in, and ${connector.runsStoppedOtherwise.map(describeRun).join(', ')}: no password fixes that; Synchronization Service Manager > Operations shows why.`);
  }
  return warnings;
}

/** Judges the cycle a start ran: every connector the server lists, from all of its new runs. */
export function judgeSyncCycle(outcome: Pick<ServiceStartOutcome, 'connectors' | 'runResults' | 'connectorsWithoutRun'>): CycleJudgment {
  const names = outcome.connectors.length > 0 ? outcome.connectors.map((c) => c.name) : [...new Set([...outcome.runResults.map((r) => r.connectorName), ...outcome.connectorsWithoutRun])];
  const connectors = names.map((name) => {
    const known = outcome.connectors.find((c) => c.name === name);
    const kind = connectorKind(known ?? { type: '' });
    const runs = outcome.runResults.filter((r) => r.connectorName === name).map((r) => ({ runProfileName: r.runProfileName, result: r.result }));
    return judgeConnector(name, kind, runs);
  });
  return {
    connectors,
    failed: connectors.filter((c) => c.verdict === 'CredentialRejected' || c.verdict === 'Unreachable'),
    warnings: connectors.flatMap(warningsOf),
  };
}
