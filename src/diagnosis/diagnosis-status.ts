/** What is wrong with the sync server, as the diagnosis names it. */
export enum DiagnosisStatus {
  Healthy = 'Healthy',
  KeyInaccessible = 'KeyInaccessible',
  /** The key was abandoned (by this module, recorded on the server) and the service has not made a new one yet. */
  KeyAbandoned = 'KeyAbandoned',
  /** A new key exists since an abandon, but stored credentials have not all been entered again under it. */
  CredentialsNotReentered = 'CredentialsNotReentered',
  ServiceLogonFailure = 'ServiceLogonFailure',
  ConnectorCredentialInvalid = 'ConnectorCredentialInvalid',
  AzureADCredentialStale = 'AzureADCredentialStale',
  AzureADSignInBlocked = 'AzureADSignInBlocked',
  ServiceStopped = 'ServiceStopped',
  NotInstalled = 'NotInstalled',
  Unknown = 'Unknown',
}

/** One fact the diagnosis rests on. */
export interface Evidence {
  readonly source: 'Event' | 'ExitCode' | 'RunResult' | 'Record';
  readonly id: number | null;
  readonly time: string | null;
  readonly text: string;
}

/** The result of a diagnosis. */
export interface Diagnosis {
  readonly status: DiagnosisStatus;
  readonly summary: string;
  readonly recommendedAction: string;
  /** Whether abandoning the key (the runbook) is the fix for what was found. */
  readonly abandonKeyRunbookApplies: boolean;
  /** What the installed build means for the runbook. */
  readonly buildGuidance: string;
  readonly evidence: readonly Evidence[];
  readonly affectedConnectors: readonly string[];
}
