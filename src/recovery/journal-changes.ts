import { AADSyncKeyError, type AADSyncKeyErrorOptions } from '../errors/aadsynckey-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { JournalStep, RecoveryJournal } from './journal-types.js';

/** One other step a step's outcome marks: skipped (it does not apply) or failed (a rerun must redo it). */
export interface StepMark {
  readonly id: string;
  readonly status: 'Skipped' | 'Failed';
  readonly verified?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * What a step's outcome changes in the journal beyond the step itself. Steps only say it; the executor, the
 * journal's one writer, applies it.
 */
export interface JournalChanges {
  /** Added to keyAbandonCount: +1 for an abandon the step proved, -1 for one the server never saw. */
  readonly abandonCountDelta?: number;
  /** The connector steps in their new order, replacing the journal's (check-connectors follows the live list). */
  readonly connectorSteps?: readonly JournalStep[];
  readonly marks?: readonly StepMark[];
}

/** A step's failure that also changes other steps (a rejected password reopens that connector's step). */
export class StepFailure extends AADSyncKeyError {
  readonly changes: JournalChanges;

  constructor(code: ErrorCode, message: string, changes: JournalChanges, options: AADSyncKeyErrorOptions = {}) {
    super(code, message, options);
    this.name = 'StepFailure';
    this.changes = changes;
  }
}

/** Applies a step's changes to its journal (the executor calls this, and nothing else writes the journal). */
export function applyChanges(journal: RecoveryJournal, changes: JournalChanges | undefined): void {
  if (changes === undefined) return;
  journal.keyAbandonCount = Math.max(0, journal.keyAbandonCount + (changes.abandonCountDelta ?? 0));
  if (changes.connectorSteps !== undefined) {
    const first = journal.steps.findIndex((step) => step.kind === 'CheckConnectors') + 1;
    const count = journal.steps.filter((step) => step.kind === 'ConnectorCredential').length;
    journal.steps.splice(first, count, ...changes.connectorSteps);
  }
  for (const mark of changes.marks ?? []) {
    const step = journal.steps.find((candidate) => candidate.id === mark.id);
    if (step === undefined) continue;
    step.status = mark.status;
    if (mark.verified !== undefined) step.verified = mark.verified;
    if (mark.error !== undefined) step.error = mark.error;
  }
}
