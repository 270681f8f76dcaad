import { statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readServerSnapshot, serverRecordError, type ServerSnapshot } from '../adsync/server-snapshot.js';
import type { CommandContext } from '../core/command-context.js';
import { requireInstalled } from '../adsync/preconditions.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { DiagnosisStatus, type Diagnosis } from '../diagnosis/diagnosis-status.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { readAbandonRecord, type AbandonRecord } from '../operations/abandon-key.js';
import { checkCommandSurface, COMMAND_NEEDS, missingCommandsError, type CommandNeed, type SurfaceCheck } from '../operations/command-surface.js';
import { currentUser, enterServerLock } from '../operations/server-lock.js';
import { AUDIT_EVENTS, writeAuditEvent } from '../operations/audit-event.js';
import { startAndVerify } from '../diagnosis/start-and-diagnose.js';
import { ensureFolder } from '../server/atomic-file.js';
import { connectorInventory, type ConnectorInventory } from '../server/connector-inventory.js';
import { serverIdentity, type ServerIdentity } from '../server/server-identity.js';
import { applyChanges, StepFailure } from './journal-changes.js';
import { locateJournal, rememberJournalPath } from './journal-locator.js';
import { newRecoveryId, serverJournalFolder, writeJournal } from './journal-store.js';
import { JOURNAL_FORMAT, type JournalStep, type RecoveryJournal } from './journal-types.js';
import { buildPlan, connectorOf } from './plan.js';
import { connectorNamesIn, hasConnectorInput, readRecoveryInput, type RecoveryInput, type RecoveryParameters } from './recovery-input.js';
import { resultObject } from './recovery-result.js';
import { decideResume } from './resume-decision.js';
import { announceRecoveryEvent, type RecoveryEventKind } from './recovery-channel.js';
import { runStep } from './step-runner.js';
import { OUTPUT_TYPE } from '../core/output-types.js';

/** Where recoveries keep their files. */
export interface RecoveryFolders {
  /** Root of the journals: one sub-folder per server. */
  readonly journals: string;
  /** The data folder (connector inventories). */
  readonly data: string;
}

/**
 * What a new recovery is for: a lost key, or one abandoned (recorded on the server) whose recovery was not
 * finished; for the latter the plan skips the stop and the abandon.
 */
const RECOVERABLE: ReadonlySet<DiagnosisStatus> = new Set([DiagnosisStatus.KeyInaccessible, DiagnosisStatus.KeyAbandoned, DiagnosisStatus.CredentialsNotReentered]);

/** How often the running step's progress is said again. */
const PROGRESS_REPEAT_MS = 1000;

/** Steps that talk to the running service. */
const NEEDS_RUNNING_SERVICE = new Set(['CheckConnectors', 'ConnectorCredential', 'AADServiceAccount', 'VerifySync']);

function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Room a journal needs: room for it to grow to its end (about a kilobyte a step, written whole each time beside
 * the old copy) and a margin. Checked before the first change, so a full disk stops a recovery before its abandon.
 */
function requireRoom(folder: string, stepCount: number): void {
  ensureFolder(folder, 'the recovery journal folder');
  const needed = 64 * 1024 + stepCount * 4 * 1024;
  let free: number;
  try {
    const stats = statfsSync(folder);
    free = Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return; // No statfs here: the checked writes still stop the recovery cleanly.
  }
  if (free < needed) {
    throw new AADSyncKeyError('DataFolderFull', `The recovery journal needs about ${Math.ceil(needed / 1024)} KiB free at '${folder}', and only ${Math.floor(free / 1024)} KiB are; nothing was changed.`, { target: folder });
  }
}

/**
 * Fails, before anything changes, when the input cannot finish the steps still to run. Until check-connectors is
 * done the connector steps are the names typed, not yet checked against the server: that step rebuilds them from
 * the live list, so a rerun that corrects a typo is not held to the typo.
 */
function checkInputCovers(steps: readonly JournalStep[], input: RecoveryInput, inventory: ConnectorInventory | null, aadIdentityType: string | null): void {
  const pending = steps.filter((step) => step.status !== 'Done' && step.status !== 'Skipped');
  const listChecked = steps.some((step) => step.kind === 'CheckConnectors' && step.status === 'Done');
  const done = new Set(steps.filter((step) => step.kind === 'ConnectorCredential' && step.status === 'Done').map(connectorOf));
  // The AD connectors still to do: the checked plan's, else the server's as remembered (none when nothing is).
  const expected = listChecked
    ? pending.filter((step) => step.kind === 'ConnectorCredential').map(connectorOf)
    : (inventory?.connectors ?? []).filter((c) => c.type === 'AD' && !done.has(c.name)).map((c) => c.name);
  const missing = expected.filter((name) => !hasConnectorInput(input, name));
  const adConnectors = (inventory?.connectors ?? []).filter((c) => c.type === 'AD').map((c) => c.name).join(', ');
  const realNames = inventory === null ? '' : ` (this server's AD connectors: ${adConnectors})`;
  if (missing.length > 0) {
    throw new AADSyncKeyError('ConnectorCredentialMissing', `No credential was given for these AD connectors: ${missing.join(', ')}${realNames}. Give each one (-ConnectorCredential @{ '<name>' = <PSCredential> }) or list it in -ResetConnector; nothing was changed.`, { target: missing.join(', ') });
  }
  if (inventory !== null) {
    for (const name of connectorNamesIn(input)) {
      const known = inventory.connectors.find((c) => c.name === name);
      if (known === undefined) {
        throw new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${name}'${realNames}; nothing was changed.`, { target: name });
      }
      if (known.type !== 'AD') throw new AADSyncKeyError('ConnectorNotAD', `The connector '${name}' is an Azure AD connector, not an AD one: its account is reset with -AADCredential${realNames}; nothing was changed.`, { target: name });
    }
  }
  const aadPending = pending.some((step) => step.kind === 'AADServiceAccount');
  // Asked for up front only when a service-account step will surely run; with the identity unknown the step asks
  // (journaled) once the started service shows which it is.
  if (aadPending && (aadIdentityType === 'ServiceAccount' || input.rollbackToServiceAccount) && input.aadCredential === undefined) {
    throw new AADSyncKeyError('AADCredentialMissing', 'The recovery must reinitialize the Azure AD service account and no -AADCredential was given; nothing was changed.', { target: 'AADCredential' });
  }
}

/** What the journal says of an Azure AD step skipped because the connector signs in as an application. */
const APPLICATION_IDENTITY_SKIP = 'The Azure AD connector signs in with an application identity: Add-ADSyncAADServiceAccount would roll it back to the legacy service account, so it is not run (-RollbackToServiceAccount asks for that rollback)';

function skipAzureADStep(journal: RecoveryJournal, why: string): void {
  for (const step of journal.steps) {
    if (step.kind === 'AADServiceAccount' && step.status === 'Pending') {
      step.status = 'Skipped';
      step.verified = why;
    }
  }
}

// A rerun with -RollbackToServiceAccount: the Azure AD step skipped for an application identity runs after all, and
// the verifying cycle after it again.
function reopenAzureADStepForRollback(journal: RecoveryJournal): boolean {
  const step = journal.steps.find((s) => s.kind === 'AADServiceAccount');
  if (step === undefined || step.status !== 'Skipped') return false;
  step.status = 'Pending';
  step.verified = null;
  const verify = journal.steps.find((s) => s.kind === 'VerifySync');
  if (verify !== undefined && verify.status === 'Done') verify.status = 'Pending';
  return true;
}

function newJournal(server: ServerIdentity, diagnosis: Diagnosis, forced: boolean, steps: JournalStep[]): RecoveryJournal {
  const now = new Date();
  return {
    format: JOURNAL_FORMAT,
    recoveryId: newRecoveryId(now),
    server: { computerName: server.computerName, installLocation: server.installLocation, id: server.id },
    startedBy: currentUser(),
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    endedAt: null,
    status: 'Running',
    initialDiagnosis: { status: diagnosis.status, summary: diagnosis.summary },
    forced,
    keyAbandonCount: 0,
    steps,
    events: [],
  };
}

/** Whether the diagnosis rests on an event (6028) logged after a moment: the key was unreadable again since. */
function keyLostAfter(diagnosis: Diagnosis, at: number): boolean {
  return diagnosis.evidence.some((e) => e.source === 'Event' && e.time !== null && Date.parse(e.time) > at);
}

/**
 * The server's record shows the key abandoned after its newest key-loss event: the key that fails is already
 * gone, and a start makes a new one. A new recovery then skips the stop and the abandon instead of abandoning
 * twice (a killed recovery whose journal is out of reach, say).
 */
function abandonedSinceLastLoss(record: AbandonRecord | null, diagnosis: Diagnosis): boolean {
  if (record?.state !== 'Done' || typeof record.endedAt !== 'string') return false;
  return !keyLostAfter(diagnosis, Date.parse(record.endedAt));
}

/**
 * A resumed recovery whose key was abandoned but is unreadable again (a 6028 logged after the abandon) lost its
 * new key too: only then are the steps from the stop onwards run again, abandoning a second time.
 */
function reopenIfNewKeyLost(journal: RecoveryJournal, diagnosis: Diagnosis): boolean {
  const abandon = journal.steps.find((step) => step.kind === 'AbandonKey');
  if (abandon?.status !== 'Done' || abandon.endedAt === null || diagnosis.status !== DiagnosisStatus.KeyInaccessible) return false;
  if (!keyLostAfter(diagnosis, Date.parse(abandon.endedAt))) return false;
  for (const step of journal.steps) {
    if (step.kind === 'AADServiceAccount' && step.status === 'Skipped') continue;
    step.status = 'Pending';
    step.verified = null;
    // The abandon step reads this: the key it abandoned before is not the one lost now, so it abandons again.
    step.error = step.kind === 'AbandonKey' ? { code: 'NewKeyLost', message: 'The key this recovery made is unreadable too (event 6028 after the abandon).' } : null;
  }
  return true;
}

/** The ADSync commands and parameters the steps still to run will call. */
function needsOf(steps: readonly JournalStep[], input: RecoveryInput): CommandNeed[] {
  const open = steps.filter((step) => step.status !== 'Done' && step.status !== 'Skipped');
  const kinds = new Set(open.map((step) => step.kind));
  const needs: CommandNeed[] = [];
  if (kinds.has('CheckConnectors') || kinds.has('ConnectorCredential')) needs.push(COMMAND_NEEDS.readConnectors);
  // Known passwords are stored with Add-ADSyncConnector; the connectors the live list adds get what the input gives.
  if ((kinds.has('CheckConnectors') || kinds.has('ConnectorCredential')) && input.connectorCredentials.size > 0) needs.push(COMMAND_NEEDS.storeKnownPassword);
  if ((kinds.has('CheckConnectors') || kinds.has('ConnectorCredential')) && input.resetConnectors.size > 0) needs.push(COMMAND_NEEDS.resetConnectorAccount);
  if (kinds.has('AADServiceAccount')) needs.push(COMMAND_NEEDS.resetAADServiceAccount);
  if (kinds.has('VerifySync')) needs.push(COMMAND_NEEDS.runSyncCycle, COMMAND_NEEDS.readRunHistory);
  return needs;
}

/** A preflight check as the plan object shows it. */
function preflightObject(check: SurfaceCheck): object {
  return { Command: check.command, Parameter: check.parameter, Present: check.present, NeededFor: check.purpose };
}

/** Closes a journal that no longer fits the server, saying why; nothing runs from it. */
function supersede(journal: RecoveryJournal, path: string, reason: string): void {
  const at = nowIso();
  journal.status = 'Superseded';
  journal.endedAt = at;
  journal.updatedAt = at;
  journal.events.push({ at, by: currentUser(), event: `recovery superseded: ${reason}`, step: null });
  writeJournal(path, journal);
}

/** Invoke-AADSyncKeyRecovery: diagnose, plan, lock, journal, run or resume each step, and report. */
export async function runRecovery(context: CommandContext<RecoveryParameters>, folders: RecoveryFolders): Promise<void> {
  const parameters = context.parameters;
  const input = readRecoveryInput(context);
  const snapshot: ServerSnapshot = await readServerSnapshot(context.session, context.streams);
  requireInstalled(snapshot);
  // A folder another user could have planted, or a corrupt record: refused before anything is decided or changed.
  const recordProblem = serverRecordError(snapshot);
  if (recordProblem !== null) throw recordProblem;
  const server = serverIdentity(snapshot);
  const diagnosis = diagnose(snapshot);
  context.streams.verbose(`Diagnosis: ${diagnosis.status}. ${diagnosis.summary}`);
  // Waits for a miiskmu /a that an ended session left running, so what it did is known before anything is decided.
  const { record: abandonRecord } = await readAbandonRecord(context, parameters.TimeoutSeconds);

  let located = locateJournal(parameters.JournalPath, folders.journals, server, abandonRecord);
  if (located.journal !== null) {
    const decision = decideResume(located.journal, diagnosis, parameters.Force === true);
    if (!decision.resume) {
      if (context.whatIf) {
        context.streams.warning(`The unfinished recovery ${located.journal.recoveryId} would be closed as superseded: ${decision.reason}.`);
      } else {
        supersede(located.journal, located.path, decision.reason);
        context.streams.warning(`The unfinished recovery ${located.journal.recoveryId} was closed as superseded: ${decision.reason}. Its journal: ${located.path}.`);
      }
      if (parameters.Resume === true) {
        throw new AADSyncKeyError('RecoverySuperseded', `The unfinished recovery ${located.journal.recoveryId} was not resumed: ${decision.reason}. Nothing was changed.`, { target: located.path });
      }
      located = { path: parameters.JournalPath ?? '', journal: null, foundBy: '' };
    }
  }
  if (parameters.Resume === true && located.journal === null) {
    throw new AADSyncKeyError('NoRecoveryToResume', `-Resume was given, but no unfinished recovery of ${server.computerName} was found${parameters.JournalPath === undefined ? ` in ${serverJournalFolder(folders.journals, server)}` : ` at ${parameters.JournalPath}`}.`, { target: server.computerName });
  }
  const inventory = connectorInventory(folders.data, snapshot);
  const aadIdentityType = snapshot.aadIdentityType ?? inventory?.aadIdentityType ?? null;
  const resumed = located.journal !== null;
  let journal: RecoveryJournal;
  if (located.journal !== null) {
    journal = located.journal;
    context.streams.verbose(`Resuming recovery ${journal.recoveryId} from its journal ${located.path} (found through ${located.foundBy}).`);
  } else {
    if (!RECOVERABLE.has(diagnosis.status) && parameters.Force !== true) {
      throw new AADSyncKeyError(
        'RecoveryNotNeeded',
        `The diagnosis is ${diagnosis.status}, not key loss, so the key was not abandoned: ${diagnosis.summary} ${diagnosis.recommendedAction} (Use -Force to run the recovery anyway.)`,
        { target: server.computerName },
      );
    }
    const adConnectors = inventory === null ? connectorNamesIn(input) : inventory.connectors.filter((c) => c.type === 'AD').map((c) => c.name);
    if (inventory === null) {
      context.streams.warning('The connectors cannot be listed while the key is lost, and none were remembered from an earlier run: the recovery uses the connectors named in the credentials and checks them against the server once it runs with its new key.');
    }
    if (adConnectors.length === 0) {
      throw new AADSyncKeyError('ConnectorCredentialMissing', 'No AD connector credentials were given; every AD connector needs one after the key is abandoned. Nothing was changed.', { target: 'ConnectorCredential' });
    }
    journal = newJournal(server, diagnosis, parameters.Force === true, buildPlan(adConnectors, input));
    journal.connectorSource = inventory === null ? 'Typed' : snapshot.connectors === null ? 'Inventory' : 'Live';
    if (aadIdentityType === 'Application' || aadIdentityType === 'ServiceAccount') journal.aadIdentity = aadIdentityType;
    if (aadIdentityType === 'Application' && !input.rollbackToServiceAccount) skipAzureADStep(journal, APPLICATION_IDENTITY_SKIP);
    if (parameters.Force !== true && abandonedSinceLastLoss(abandonRecord, diagnosis) && abandonRecord !== null) {
      const note = `The server's record shows the key abandoned at ${abandonRecord.endedAt ?? abandonRecord.startedAt}${abandonRecord.recoveryId === '' ? '' : ` by recovery ${abandonRecord.recoveryId}`} (${abandonRecord.operator} on ${abandonRecord.coreHost}), after the last key-loss event: not abandoned again`;
      for (const step of journal.steps.slice(0, 2)) {
        step.status = 'Skipped';
        step.verified = note;
      }
      context.streams.warning(`${note}; the recovery starts the service, which makes the new key.`);
    }
  }
  if (resumed && input.rollbackToServiceAccount && reopenAzureADStepForRollback(journal)) {
    context.streams.verbose('-RollbackToServiceAccount: the Azure AD step, skipped for the application identity, runs the rollback now.');
  }
  if (resumed && reopenIfNewKeyLost(journal, diagnosis)) {
    context.streams.warning('The key made by this recovery is unreadable too (event 6028 after the abandon): the recovery starts again from stopping the service.');
  }
  checkInputCovers(journal.steps, input, inventory, aadIdentityType);
  // Before the first change: the server's own commands must have every parameter the steps still to run will use.
  const preflight = await checkCommandSurface(context, needsOf(journal.steps, input));
  const missing = preflight.filter((check) => !check.present);

  if (context.whatIf) {
    for (const check of missing) context.streams.warning(`Preflight: this server's ${check.command} has no -${check.parameter ?? ''}, needed for ${check.purpose}; the recovery would be refused. Instead: ${check.alternative}.`);
    for (const step of journal.steps.filter((s) => s.status !== 'Done' && s.status !== 'Skipped')) await context.shouldProcess(`${step.target} on ${journal.server.computerName}`, step.description);
    context.streams.output(OUTPUT_TYPE.RecoveryPlan, { ...resultObject(journal, located.journal === null ? null : located.path, resumed), Preflight: preflight.map(preflightObject) });
    return;
  }
  if (missing.length > 0) throw missingCommandsError(missing);
  const journalPath = located.path !== '' ? located.path : join(serverJournalFolder(folders.journals, server), `${journal.recoveryId}.json`);
  requireRoom(dirname(journalPath), journal.steps.length);
  rememberJournalPath(folders.journals, server, journal.recoveryId, journalPath);
  const serviceRunning = snapshot.service?.status === 'Running';
  const execution = new RecoveryExecution({ context, input, journal, journalPath, timeoutSeconds: parameters.TimeoutSeconds });
  await execution.run(resumed, serviceRunning);
}

/** What one execution of a journal works with. */
interface ExecutionOptions {
  readonly context: Pick<CommandContext, 'session' | 'streams' | 'shouldProcess'>;
  readonly input: RecoveryInput;
  readonly journal: RecoveryJournal;
  readonly journalPath: string;
  readonly timeoutSeconds: number;
}

/** Runs the steps of one journal, writing it before and after each. */
class RecoveryExecution {
  constructor(private readonly options: ExecutionOptions) {}

  private save(kind: RecoveryEventKind, event: string, step: JournalStep | null): void {
    const { journal, journalPath } = this.options;
    const at = nowIso();
    journal.updatedAt = at;
    journal.events.push({ at, by: currentUser(), event, step: step?.id ?? null });
    writeJournal(journalPath, journal);
    announceRecoveryEvent({ recoveryId: journal.recoveryId, kind, event, stepId: step?.id ?? null });
  }

  // A journal that cannot be written stops the recovery where it is: the step the journal last recorded as
  // started is run again on the rerun, so nothing is lost but the time it takes.
  private journalFailure(error: unknown, step: JournalStep | null): unknown {
    if (!(error instanceof AADSyncKeyError)) return error;
    const { journal, journalPath } = this.options;
    const where = step === null ? 'before its first step' : `at step '${step.id}'`;
    return new AADSyncKeyError(
      error.code,
      `Recovery ${journal.recoveryId} stopped ${where} because its journal could not be written: ${error.message} The journal ${journalPath} keeps its last complete version; fix the cause and run Invoke-AADSyncKeyRecovery again to continue.`,
      { target: journalPath, category: error.category, cause: error },
    );
  }

  private async finish(status: 'Succeeded' | 'Failed' | 'Stopped', resumed: boolean): Promise<void> {
    const { context, journal, journalPath } = this.options;
    journal.status = status;
    journal.endedAt = status === 'Succeeded' ? nowIso() : null;
    this.save('RecoveryEnded', status === 'Succeeded' ? 'recovery succeeded' : status === 'Failed' ? 'recovery failed' : 'recovery stopped: a step was declined', null);
    await writeAuditEvent(context, AUDIT_EVENTS.recoveryEnded, `Key recovery ${journal.recoveryId} ended: ${status}; the key was abandoned ${journal.keyAbandonCount} time(s).`);
    context.streams.progress({ activity: 'Invoke-AADSyncKeyRecovery', status, completed: true });
    context.streams.output(OUTPUT_TYPE.RecoveryResult, resultObject(journal, journalPath, resumed));
  }

  // A resumed recovery finds the service as others left it: steps after the start need it running.
  private async ensureServiceRunning(step: JournalStep): Promise<void> {
    const { context, timeoutSeconds } = this.options;
    context.streams.verbose(`The ADSync service is not running, and step ${step.id} needs it: starting it first.`);
    const outcome = await startAndVerify(context, timeoutSeconds, true);
    this.save('ServiceStartedAgain', `service started again before ${step.id} (it was ${outcome.startedNow ? 'stopped' : 'running'})`, step);
  }

  async run(resumed: boolean, serviceRunningAtStart: boolean): Promise<void> {
    const { context, journal, journalPath, input, timeoutSeconds } = this.options;
    const owner = { command: 'Invoke-AADSyncKeyRecovery', recoveryId: journal.recoveryId, journalPath };
    await enterServerLock(context, owner);
    journal.status = 'Running';
    journal.endedAt = null;
    try {
      this.save(resumed ? 'RecoveryResumed' : 'RecoveryStarted', resumed ? 'recovery resumed' : 'recovery started', null);
    } catch (error) {
      throw this.journalFailure(error, null);
    }
    context.streams.verbose(`Recovery ${journal.recoveryId}; journal: ${journalPath}`);
    await writeAuditEvent(context, AUDIT_EVENTS.recoveryStarted, `Key recovery ${journal.recoveryId} ${resumed ? 'resumed' : 'started'} (Invoke-AADSyncKeyRecovery; journal ${journalPath}).`);
    let serviceKnownRunning = serviceRunningAtStart;
    for (let index = 0; index < journal.steps.length; index += 1) {
      const step = journal.steps[index];
      if (step === undefined || step.status === 'Done' || step.status === 'Skipped') continue;
      if (!(await context.shouldProcess(`${step.target} on ${journal.server.computerName}`, step.description))) {
        step.status = 'Declined';
        this.save('StepDeclined', 'step declined', step);
        await this.finish('Stopped', resumed);
        return;
      }
      // The session may have been restarted (a timed-out step): its lock went with it and is taken again.
      await enterServerLock(context, owner);
      const previousError = step.error;
      step.status = 'Running';
      step.startedAt = nowIso();
      step.endedAt = null;
      step.attempts += 1;
      step.error = null;
      try {
        this.save('StepStarted', 'step started', step);
      } catch (error) {
        throw this.journalFailure(error, step);
      }
      const progress = {
        activity: 'Invoke-AADSyncKeyRecovery',
        status: `Step ${index + 1} of ${journal.steps.length}: ${step.description}`,
        percentComplete: Math.floor((index * 100) / journal.steps.length),
        currentOperation: step.target,
      };
      context.streams.progress(progress);
      // Said again every second while the step runs: a console that skipped an update (hosts throttle progress
      // drawing) shows the step that runs, not the one before it.
      const heartbeat = setInterval(() => context.streams.progress(progress), PROGRESS_REPEAT_MS);
      context.streams.verbose(`Step ${index + 1}/${journal.steps.length} ${step.id}: ${step.description}`);
      try {
        if (NEEDS_RUNNING_SERVICE.has(step.kind) && !serviceKnownRunning) await this.ensureServiceRunning(step);
        const outcome = await runStep({ context, input, journal, journalPath, timeoutSeconds, previousError }, step);
        step.status = outcome.status;
        step.verified = outcome.verified;
        step.endedAt = nowIso();
        const planned = journal.steps.length;
        clearInterval(heartbeat);
        applyChanges(journal, outcome.changes);
        // The total is the plan's; it changes at most once, when the live connector list is known, and says so.
        if (journal.steps.length !== planned) {
          context.streams.warning(`The server's live connector list changes the plan from ${planned} to ${journal.steps.length} steps: ${outcome.verified}.`);
        }
      } catch (error) {
        clearInterval(heartbeat);
        if (error instanceof StepFailure) applyChanges(journal, error.changes);
        step.status = 'Failed';
        step.endedAt = nowIso();
        const code = error instanceof AADSyncKeyError ? error.code : 'InternalError';
        const message = error instanceof Error ? error.message : String(error);
        step.error = { code, message };
        try {
          this.save('StepFailed', 'step failed', step);
          await this.finish('Failed', resumed);
        } catch (writeError) {
          throw this.journalFailure(writeError, step);
        }
        if (error instanceof AADSyncKeyError) {
          throw new AADSyncKeyError(error.code, `Recovery ${journal.recoveryId} stopped at step '${step.id}': ${message} The journal ${journalPath} records where it stopped; run Invoke-AADSyncKeyRecovery again to continue from there.`, {
            target: step.target,
            category: error.category,
            cause: error,
          });
        }
        throw error;
      }
      try {
        this.save(step.status === 'Done' ? 'StepDone' : 'StepSkipped', step.status === 'Done' ? 'step done' : 'step skipped', step);
      } catch (error) {
        throw this.journalFailure(error, step);
      }
      if (step.kind === 'StopService' || step.kind === 'AbandonKey') serviceKnownRunning = false;
      if (step.kind === 'StartService') serviceKnownRunning = true;
    }
    try {
      await this.finish('Succeeded', resumed);
    } catch (error) {
      throw this.journalFailure(error, null);
    }
  }
}
