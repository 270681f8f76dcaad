// What a recovery journal holds. It is the record an auditor reads and the memory a resumed recovery trusts,
// so it names servers, connectors, accounts and outcomes, and never a password.

/** The kinds of step a recovery runs, in the runbook's corrected order. */
export type StepKind = 'StopService' | 'AbandonKey' | 'StartService' | 'CheckConnectors' | 'ConnectorCredential' | 'AADServiceAccount' | 'VerifySync';

/** Where a step stands. `Running` after a crash means: started, outcome unknown. */
export type StepStatus = 'Pending' | 'Running' | 'Done' | 'Failed' | 'Declined' | 'Skipped';

/** One planned step and what happened to it. */
export interface JournalStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly target: string;
  readonly description: string;
  /** For ConnectorCredential: the connector's name. */
  readonly connector?: string;
  /** For ConnectorCredential: how the password is given (Known password or an Enterprise Admin reset). */
  readonly mode?: 'Known' | 'Reset';
  status: StepStatus;
  startedAt: string | null;
  endedAt: string | null;
  attempts: number;
  /** What was checked on the server to call the step done. */
  verified: string | null;
  error: { code: string; message: string } | null;
}

/**
 * Overall state of a recovery. `Superseded`: closed without finishing because the server no longer showed the
 * state the recovery was started for (repaired by hand, or another problem now). `Cancelled`: closed by an
 * administrator with Stop-AADSyncKeyRecovery.
 */
export type RecoveryStatus = 'Running' | 'Succeeded' | 'Failed' | 'Stopped' | 'Superseded' | 'Cancelled';

/** One line of the audit trail. */
export interface JournalEvent {
  readonly at: string;
  readonly by: string;
  readonly event: string;
  readonly step: string | null;
}

/** A recovery journal file. */
export interface RecoveryJournal {
  readonly format: 'AADSyncKey.RecoveryJournal/1';
  readonly recoveryId: string;
  readonly server: { readonly computerName: string; readonly installLocation: string; readonly id: string };
  readonly startedBy: string;
  readonly startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  status: RecoveryStatus;
  readonly initialDiagnosis: { readonly status: string; readonly summary: string };
  readonly forced: boolean;
  /**
   * Where the plan's AD connectors came from: the running service (Live), the list remembered from an earlier run
   * (Inventory), or only the names typed (Typed: checked against the server once it runs with its new key).
   */
  connectorSource?: 'Live' | 'Inventory' | 'Typed';
  /**
   * How the Azure AD connector signed in when the recovery began (Get-ADSyncEntraConnectorCredential, live or as
   * remembered); absent when it could not be read. The Azure AD step relies on it when the live read fails.
   */
  aadIdentity?: 'Application' | 'ServiceAccount';
  /** How many times this recovery abandoned the key (more than 1 only if the new key was lost too). */
  keyAbandonCount: number;
  steps: JournalStep[];
  events: JournalEvent[];
}

export const JOURNAL_FORMAT = 'AADSyncKey.RecoveryJournal/1';
