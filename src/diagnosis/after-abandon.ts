import type { ServerSnapshot } from '../adsync/server-snapshot.js';
import { connectorKind, type ConnectorKind } from '../adsync/connector-kind.js';
import { runVerdict, signsInToDirectory } from '../adsync/run-result.js';

/** The name under which the Azure AD service account's reset is recorded. */
export const AZURE_AD_ACCOUNT = '@AzureAD';

/** What is left to do after a recorded abandon: the time of the abandon and the credentials still unreadable. */
export interface AfterAbandon {
  readonly abandonedAt: string;
  readonly recoveryId: string;
  /** AD connectors whose password was not entered again since (nor proven by a successful run since). */
  readonly connectorsToDo: readonly string[];
  /** Whether the Azure AD service account still needs its reset. */
  readonly azureADAccountToDo: boolean;
}

function after(time: string | null | undefined, since: number): boolean {
  return time !== null && time !== undefined && Date.parse(time) > since;
}

/**
 * Reads this module's records on the server: after an abandon it made, every stored credential is unreadable until
 * entered again under the new key. A credential counts as entered again when the module stored it since the
 * abandon, or when its connector has run successfully since. Null when no abandon is recorded; an abandon made
 * without this module leaves no record, and then only run results and events tell (see docs/recovery.md).
 */
export function afterAbandon(snapshot: ServerSnapshot): AfterAbandon | null {
  const record = snapshot.keyAbandon;
  if (record?.state !== 'Done' || record.endedAt === null) return null;
  const since = Date.parse(record.endedAt);
  const reentered = snapshot.credentialsReentered ?? {};
  // A run that signed in to the directory since the abandon proves the credential; a synchronization run does not.
  const succeededSince = (name: string): boolean => snapshot.runResults.some((run) => run.connectorName === name && signsInToDirectory(run.runProfileName)
    && runVerdict(run.result, kindOf(name)) === 'Ran' && after(run.startDate, since));
  const kindOf = (name: string): ConnectorKind => connectorKind((snapshot.connectors ?? []).find((c) => c.name === name) ?? { type: '' });
  const connectors = snapshot.connectors ?? [];
  const connectorsToDo = connectors.filter((c) => connectorKind(c) === 'AD').map((c) => c.name).filter((name) => !after(reentered[name], since) && !succeededSince(name));
  const aadConnector = connectors.find((c) => connectorKind(c) === 'AzureAD');
  const azureADAccountToDo = snapshot.aadIdentityType !== 'Application' && aadConnector !== undefined
    && !after(reentered[AZURE_AD_ACCOUNT], since) && !succeededSince(aadConnector.name);
  return { abandonedAt: record.endedAt, recoveryId: record.recoveryId, connectorsToDo, azureADAccountToDo };
}
