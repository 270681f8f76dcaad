import type { JournalStep, RecoveryJournal, StepKind } from './journal-types.js';

// The fixed head of every plan, in the runbook's corrected order; connector steps, the optional Azure AD step and
// the sync proof follow it.
const HEAD: ReadonlyArray<{ readonly id: string; readonly kind: StepKind }> = [
  { id: 'stop-service', kind: 'StopService' },
  { id: 'abandon-key', kind: 'AbandonKey' },
  { id: 'start-service', kind: 'StartService' },
  { id: 'check-connectors', kind: 'CheckConnectors' },
];
const CONNECTOR_PREFIX = 'connector:';
const FINISHED = new Set(['Done', 'Skipped']);

function headProblem(steps: readonly JournalStep[]): string | null {
  for (const [index, expected] of HEAD.entries()) {
    const step = steps[index];
    if (step?.id !== expected.id || step.kind !== expected.kind) {
      return `step ${index + 1} should be ${expected.id} (${expected.kind}), not ${step === undefined ? 'missing' : `${step.id} (${step.kind})`}`;
    }
  }
  return null;
}

function tailProblem(steps: readonly JournalStep[]): string | null {
  const last = steps.at(-1);
  if (last?.id !== 'verify-sync' || last.kind !== 'VerifySync') return 'the last step should be verify-sync (VerifySync)';
  const middle = steps.slice(HEAD.length, -1);
  const aadAt = middle.findIndex((step) => step.kind === 'AADServiceAccount');
  if (aadAt !== -1 && (aadAt !== middle.length - 1 || middle[aadAt]?.id !== 'aad-service-account')) return 'aad-service-account must be the one step before verify-sync';
  const connectors = aadAt === -1 ? middle : middle.slice(0, -1);
  const seen = new Set<string>();
  for (const step of connectors) {
    if (step.kind !== 'ConnectorCredential' || !step.id.startsWith(CONNECTOR_PREFIX)) return `step ${step.id} (${step.kind}) is not a connector step, and only connector steps may follow check-connectors`;
    const name = step.id.slice(CONNECTOR_PREFIX.length);
    if (name === '' || (step.connector !== undefined && step.connector !== name)) return `step ${step.id} does not name its connector`;
    if (seen.has(name)) return `the connector ${name} has two steps`;
    seen.add(name);
  }
  return null;
}

// The head runs in order: no later step can have finished, or be running, while one of the head is open. (A
// later step may have failed: a start that shows the abandon did not take effect reopens the abandon.)
function orderProblem(journal: RecoveryJournal): string | null {
  const head = journal.steps.slice(0, HEAD.length);
  const firstOpen = head.findIndex((step) => !FINISHED.has(step.status));
  if (firstOpen === -1) return null;
  const later = journal.steps.slice(firstOpen + 1).find((step) => FINISHED.has(step.status) || step.status === 'Running');
  return later === undefined ? null : `step ${later.id} is ${later.status} although ${head[firstOpen]?.id} before it is ${head[firstOpen]?.status}`;
}

function countProblem(journal: RecoveryJournal): string | null {
  const abandon = journal.steps[1];
  if (abandon?.status === 'Done' && journal.keyAbandonCount < 1) return 'abandon-key is Done but keyAbandonCount is 0';
  if (journal.status === 'Succeeded' && journal.steps.some((step) => !FINISHED.has(step.status))) return 'the recovery is Succeeded with steps not done';
  if (journal.steps.filter((step) => step.status === 'Running').length > 1) return 'more than one step is Running';
  return null;
}

/**
 * Why a journal that matches the schema still cannot be a plan this module made (steps reordered, duplicated,
 * dropped, or statuses no run could leave), or null when it can. A journal that fails is JournalCorrupt: a
 * resume trusts its steps to decide what runs on the server, the key's abandon among them.
 */
export function journalMeaningProblem(journal: RecoveryJournal): string | null {
  return headProblem(journal.steps) ?? tailProblem(journal.steps) ?? orderProblem(journal) ?? countProblem(journal);
}
