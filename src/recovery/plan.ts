import type { JournalStep, StepKind } from './journal-types.js';
import type { RecoveryInput } from './recovery-input.js';

function step(id: string, kind: StepKind, target: string, description: string, connector?: { name: string; mode: 'Known' | 'Reset' }): JournalStep {
  const connectorFields = connector === undefined ? {} : { connector: connector.name, mode: connector.mode };
  return { id, kind, target, description, ...connectorFields, status: 'Pending', startedAt: null, endedAt: null, attempts: 0, verified: null, error: null };
}

/** The AD connector a ConnectorCredential step is for (journals written before the field existed: from the id). */
export function connectorOf(step: JournalStep): string {
  return step.connector ?? step.id.slice('connector:'.length);
}

/** The step of one AD connector. */
export function connectorStep(name: string, input: RecoveryInput): JournalStep {
  const reset = input.resetConnectors.has(name);
  return step(
    `connector:${name}`,
    'ConnectorCredential',
    `Connector '${name}'`,
    reset ? 'Reset the AD DS connector account password with the Enterprise Admin credential (Add-ADSyncADDSConnectorAccount)' : 'Store the AD DS connector account password (Add-ADSyncConnector)',
    { name, mode: reset ? 'Reset' : 'Known' },
  );
}

/**
 * The runbook in its corrected order: stop, abandon, start (the new key is made, and the cmdlets that re-enter
 * credentials need the service), check the live connector list against the input, each AD connector, the Azure
 * AD account, then a delta cycle as proof.
 */
export function buildPlan(adConnectors: readonly string[], input: RecoveryInput): JournalStep[] {
  return [
    step('stop-service', 'StopService', 'ADSync', 'Stop the ADSync service'),
    step('abandon-key', 'AbandonKey', 'ADSync encryption key', 'Abandon the encryption key (miiskmu.exe /a); every stored credential becomes unreadable'),
    step('start-service', 'StartService', 'ADSync', 'Start the ADSync service, which makes a new key, and check no event 6028 follows'),
    step('check-connectors', 'CheckConnectors', 'ADSync connectors', 'Check the live connector list: every AD connector has a credential'),
    ...adConnectors.map((name) => connectorStep(name, input)),
    // Always planned: it is skipped for an application identity, and reopened for -RollbackToServiceAccount.
    step('aad-service-account', 'AADServiceAccount', 'Azure AD service account', input.rollbackToServiceAccount
      ? 'Roll the Azure AD sign-in back to the legacy service account (-RollbackToServiceAccount: Add-ADSyncAADServiceAccount, with the scheduler disabled)'
      : 'Reinitialize the Azure AD service account (Add-ADSyncAADServiceAccount), only if it signs in with one'),
    step('verify-sync', 'VerifySync', 'ADSync', 'Run a delta sync cycle and check that every connector signs in and runs'),
  ];
}
