// What a run profile's result says about a connector's sign-in. A delta cycle runs Delta Import, Delta
// Synchronization and Export on every connector; on a healthy server many of those runs end `completed-no-objects`,
// `completed-export-errors`, `completed-sync-errors` or `completed-*-warnings` (Microsoft's status table in
// how-to-connect-sync-service-manager-ui-operations.md). Only a run that could not sign in or connect says a
// credential is not proven.
import type { ConnectorKind } from './connector-kind.js';

/**
 * How a run ended, for the recovery:
 * - Ran: `success` or any `completed-*`: the connector signed in and ran.
 * - CredentialRejected: the connector's stored credential was refused or unreadable.
 * - Unreachable: the connector could not reach its directory, so its credential is not proven either way.
 * - StoppedOtherwise: another `stopped-*` (error limit, deletion threshold...): it signed in, then stopped for a
 *   reason that no password fixes.
 * - Unrecognized: a result no public source lists; reported as it is, never taken for a success.
 */
export type RunVerdict = 'Ran' | 'CredentialRejected' | 'Unreachable' | 'StoppedOtherwise' | 'Unrecognized';

/** `no-start-credentials`: the result of an AD DS connector whose password is wrong or unreadable. */
export const NO_START_CREDENTIALS = 'no-start-credentials';

/** The Azure AD connector's result when its sign-in fails (field reports: a stale password, a blocked account). */
export const AZURE_AD_SIGN_IN_FAILED = 'stopped-extension-dll-exception';

/** Results of a run that could not connect to its directory (FIM/MIM run statuses, Microsoft's WMI reference). */
const UNREACHABLE_RESULTS: ReadonlySet<string> = new Set(['no-start-connection', 'stopped-connectivity', 'stopped-server-down', 'stopped-server']);

/** What a finished run's result says about the connector's sign-in. */
export function runVerdict(result: string, kind: ConnectorKind): RunVerdict {
  const normalized = result.trim().toLowerCase();
  if (normalized === 'success' || normalized.startsWith('completed-')) return 'Ran';
  if (normalized === NO_START_CREDENTIALS) return 'CredentialRejected';
  if (normalized === AZURE_AD_SIGN_IN_FAILED) return kind === 'AzureAD' ? 'CredentialRejected' : 'StoppedOtherwise';
  if (UNREACHABLE_RESULTS.has(normalized)) return 'Unreachable';
  if (normalized.startsWith('stopped-')) return 'StoppedOtherwise';
  return 'Unrecognized';
}

/** Whether a finished run shows errors the administrator should look at although the connector ran. */
export function hasObjectErrors(result: string): boolean {
  return /^completed-.*-errors$/.test(result.trim().toLowerCase());
}

/**
 * Whether a run profile signs in to the connector's directory: imports and exports do; a synchronization run works
 * on the server's own database and succeeds whatever the stored password is. A run without a profile name counts.
 */
export function signsInToDirectory(runProfileName: string): boolean {
  return runProfileName.trim() === '' || /import|export/i.test(runProfileName);
}

/**
 * A connector's newest import and newest export (either may be missing), from runs listed newest first: both sign
 * in, and each speaks of the credential until a newer run of its own kind (a Delta Import after a Full Import) does.
 */
export function newestSignInRuns<T extends { readonly connectorName: string; readonly runProfileName: string }>(runs: readonly T[], connectorName: string): T[] {
  const own = runs.filter((run) => run.connectorName === connectorName && signsInToDirectory(run.runProfileName));
  const newest = (kind: RegExp): T | undefined => own.find((run) => kind.test(run.runProfileName));
  const unnamed = own.find((run) => run.runProfileName.trim() === '');
  return [newest(/import/i), newest(/export/i), unnamed].filter((run): run is T => run !== undefined);
}
