import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readServerSnapshot, type ServerSnapshot } from '../adsync/server-snapshot.js';
import type { CommandContext } from '../core/command-context.js';
import { requireInstalled } from '../commands/preconditions.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { DiagnosisStatus, type Diagnosis } from '../diagnosis/diagnosis-status.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { connectorInventory, type ConnectorInventory } from '../server/connector-inventory.js';
import { serverIdentity, type ServerIdentity } from '../server/server-identity.js';
import { journalFiles, newRecoveryId, readJournal, serverJournalFolder, writeJournal } from './journal-store.js';
import { JOURNAL_FORMAT, type JournalStep, type RecoveryJournal } from './journal-types.js';
import { buildPlan } from './plan.js';
import { currentUser, RecoveryLock } from './recovery-lock.js';
import { connectorNamesIn, hasConnectorInput, readRecoveryInput, type RecoveryInput, type RecoveryParameters } from './recovery-input.js';
import { resultObject } from './recovery-result.js';
import { runStep } from './step-runner.js';

/** Where recoveries keep their files. */
export interface RecoveryFolders {
  /** Root of the journals: one sub-folder per server. */
  readonly journals: string;
  /** Root of the per-server lock files. */
  readonly locks: string;
  /** The data folder (connector inventories). */
  readonly data: string;
}

const UNFINISHED = new Set(['Running', 'Failed', 'Stopped']);

/** Only for the kill tests: a pause between steps gives them a step boundary to kill at. */
const PAUSE_BETWEEN_STEPS_MS = Number(process.env['AADSYNCKEY_TEST_STEP_PAUSE_MS'] ?? '0');

interface LocatedJournal {
  readonly path: string;
  readonly journal: RecoveryJournal | null;
}

function nowIso(): string {
  return new Date().toISOString();
}

/** The journal to resume (the given file, or this server's newest unfinished one), or where a new one goes. */
function locateJournal(journalPath: string | undefined, folders: RecoveryFolders, server: ServerIdentity): LocatedJournal {
  if (journalPath !== undefined && existsSync(journalPath)) {
    const journal = readJournal(journalPath);
    if (journal.server.id !== server.id) {
      throw new AADSyncKeyError(
        'JournalServerMismatch',
        `The journal '${journalPath}' records a recovery of ${journal.server.computerName} (${journal.server.installLocation}), not of this server, ${server.computerName}; nothing was changed.`,
        { target: journalPath },
      );
    }
    if (!UNFINISHED.has(journal.status)) {
      throw new AADSyncKeyError('InvalidRequest', `The recovery in '${journalPath}' already ${journal.status.toLowerCase()}; give a new -JournalPath to start another.`, { target: journalPath });
    }
    return { path: journalPath, journal };
  }
  if (journalPath !== undefined) return { path: journalPath, journal: null };
  const folder = serverJournalFolder(folders.journals, server);
  for (const path of journalFiles(folder)) {
    const journal = readJournal(path);
    if (journal.server.id === server.id && UNFINISHED.has(journal.status)) return { path, journal };
  }
  return { path: '', journal: null };
}

/** Fails, before anything changes, when the input cannot finish the steps still to run. */
function checkInputCovers(steps: readonly JournalStep[], input: RecoveryInput, inventory: ConnectorInventory | null, aadIdentityType: string | null): void {
  const pending = steps.filter((step) => step.status !== 'Done' && step.status !== 'Skipped');
  const missing = pending.filter((step) => step.kind === 'ConnectorCredential' && !hasConnectorInput(input, step.id.slice('connector:'.length))).map((step) => step.id.slice('connector:'.length));
  if (missing.length > 0) {
    throw new AADSyncKeyError('ConnectorCredentialMissing', `No credential was given for these AD connectors: ${missing.join(', ')}. Give each one (-ConnectorCredential @{ '<name>' = <PSCredential> }) or list it in -ResetConnector; nothing was changed.`, { target: missing.join(', ') });
  }
  if (inventory !== null) {
    for (const name of connectorNamesIn(input)) {
      const known = inventory.connectors.find((c) => c.name === name);
      if (known === undefined) {
        throw new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${name}' (connectors: ${inventory.connectors.map((c) => c.name).join(', ')}); nothing was changed.`, { target: name });
      }
      if (known.type !== 'AD') throw new AADSyncKeyError('ConnectorNotAD', `The connector '${name}' is an Azure AD connector, not an AD one: its account is reset with -AADCredential; nothing was changed.`, { target: name });
    }
  }
  const aadPending = pending.some((step) => step.kind === 'AzureADAccount');
  if (aadPending && aadIdentityType !== 'Application' && input.globalAdmin === undefined) {
    throw new AADSyncKeyError('AADCredentialMissing', 'The recovery must reinitialize the Azure AD service account and no -AADCredential was given; nothing was changed.', { target: 'AADCredential' });
  }
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

/**
 * A resumed recovery whose key was abandoned but is unreadable again (a 6028 logged after the abandon) lost its
 * new key too: only then are the steps from the stop onwards run again, abandoning a second time.
 */
function reopenIfNewKeyLost(journal: RecoveryJournal, diagnosis: Diagnosis): boolean {
  const abandon = journal.steps.find((step) => step.kind === 'AbandonKey');
  if (abandon?.status !== 'Done' || abandon.endedAt === null || diagnosis.status !== DiagnosisStatus.KeyInaccessible) return false;
  const abandonedAt = Date.parse(abandon.endedAt);
  const lostAgain = diagnosis.evidence.some((e) => e.source === 'Event' && e.time !== null && Date.parse(e.time) > abandonedAt);
  if (!lostAgain) return false;
  for (const step of journal.steps) {
    if (step.kind === 'AzureADAccount' && step.status === 'Skipped') continue;
    step.status = 'Pending';
    step.verified = null;
    step.error = null;
  }
  return true;
}

/** Invoke-AADSyncKeyRecovery: diagnose, plan, lock, journal, run or resume each step, and report. */
export async function runRecovery(context: CommandContext<RecoveryParameters>, folders: RecoveryFolders): Promise<void> {
  const parameters = context.parameters;
  const input = readRecoveryInput(context);
  const snapshot: ServerSnapshot = await readServerSnapshot(context.session, context.streams);
  requireInstalled(snapshot);
  const server = serverIdentity(snapshot);
  const diagnosis = diagnose(snapshot);
  context.streams.verbose(`Diagnosis: ${diagnosis.status}. ${diagnosis.summary}`);
  const lock = context.whatIf ? null : RecoveryLock.acquire(join(folders.locks, `${server.id}.lock`), (holder) => {
    context.streams.warning(`Took over a stale recovery lock${holder === null ? '' : ` left by process ${holder.pid} (${holder.user}, since ${holder.since}), which no longer runs`}.`);
  });
  try {
    const located = locateJournal(parameters.JournalPath, folders, server);
    if (parameters.Resume === true && located.journal === null) {
      throw new AADSyncKeyError('NoRecoveryToResume', `-Resume was given, but no unfinished recovery of ${server.computerName} was found${parameters.JournalPath === undefined ? ` in ${serverJournalFolder(folders.journals, server)}` : ` at ${parameters.JournalPath}`}.`, { target: server.computerName });
    }
    const inventory = connectorInventory(folders.data, snapshot);
    const aadIdentityType = snapshot.aadIdentityType ?? inventory?.aadIdentityType ?? null;
    const resumed = located.journal !== null;
    let journal: RecoveryJournal;
    if (located.journal !== null) {
      journal = located.journal;
      context.streams.verbose(`Resuming recovery ${journal.recoveryId} from its journal ${located.path}.`);
    } else {
      if (diagnosis.status !== DiagnosisStatus.KeyInaccessible && parameters.Force !== true) {
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
      journal = newJournal(server, diagnosis, parameters.Force === true, buildPlan(adConnectors, input, aadIdentityType !== 'Application'));
    }
    if (resumed && reopenIfNewKeyLost(journal, diagnosis)) {
      context.streams.warning('The key made by this recovery is unreadable too (event 6028 after the abandon): the recovery starts again from stopping the service.');
    }
    checkInputCovers(journal.steps, input, inventory, aadIdentityType);

    if (context.whatIf) {
      for (const step of journal.steps.filter((s) => s.status !== 'Done' && s.status !== 'Skipped')) await context.shouldProcess(step.target, step.description);
      context.streams.output('AADSyncKey.RecoveryPlan', resultObject(journal, located.journal === null ? null : located.path, resumed));
      return;
    }
    const journalPath = located.path !== '' ? located.path : join(serverJournalFolder(folders.journals, server), `${journal.recoveryId}.json`);
    await new RecoveryExecution(context, input, journal, journalPath, parameters.TimeoutSeconds ?? 120).run(resumed);
  } finally {
    lock?.release();
  }
}

/** Runs the steps of one journal, writing it before and after each. */
class RecoveryExecution {
  constructor(
    private readonly context: Pick<CommandContext, 'session' | 'streams' | 'shouldProcess'>,
    private readonly input: RecoveryInput,
    private readonly journal: RecoveryJournal,
    private readonly journalPath: string,
    private readonly timeoutSeconds: number,
  ) {}

  private save(event: string, step: JournalStep | null): void {
    const at = nowIso();
    this.journal.updatedAt = at;
    this.journal.events.push({ at, by: currentUser(), event, step: step?.id ?? null });
    writeJournal(this.journalPath, this.journal);
  }

  private finish(status: 'Succeeded' | 'Failed' | 'Stopped', resumed: boolean): void {
    this.journal.status = status;
    this.journal.endedAt = status === 'Succeeded' ? nowIso() : null;
    this.save(status === 'Succeeded' ? 'recovery succeeded' : status === 'Failed' ? 'recovery failed' : 'recovery stopped: a step was declined', null);
    this.context.streams.progress({ activity: 'Invoke-AADSyncKeyRecovery', status: status, completed: true });
    this.context.streams.output('AADSyncKey.RecoveryResult', resultObject(this.journal, this.journalPath, resumed));
  }

  async run(resumed: boolean): Promise<void> {
    const { context, journal } = this;
    journal.status = 'Running';
    journal.endedAt = null;
    this.save(resumed ? 'recovery resumed' : 'recovery started', null);
    context.streams.verbose(`Recovery ${journal.recoveryId}; journal: ${this.journalPath}`);
    for (let index = 0; index < journal.steps.length; index += 1) {
      const step = journal.steps[index];
      if (step === undefined || step.status === 'Done' || step.status === 'Skipped') continue;
      if (!(await context.shouldProcess(step.target, step.description))) {
        step.status = 'Declined';
        this.save('step declined', step);
        this.finish('Stopped', resumed);
        return;
      }
      step.status = 'Running';
      step.startedAt = nowIso();
      step.endedAt = null;
      step.attempts += 1;
      step.error = null;
      this.save('step started', step);
      context.streams.progress({
        activity: 'Invoke-AADSyncKeyRecovery',
        status: `Step ${index + 1} of ${journal.steps.length}: ${step.description}`,
        percentComplete: Math.floor((index * 100) / journal.steps.length),
        currentOperation: step.target,
      });
      context.streams.verbose(`Step ${index + 1}/${journal.steps.length} ${step.id}: ${step.description}`);
      try {
        const outcome = await runStep({ context, input: this.input, journal, timeoutSeconds: this.timeoutSeconds }, step);
        step.status = outcome.status;
        step.verified = outcome.verified;
        step.endedAt = nowIso();
        this.save(outcome.status === 'Done' ? 'step done' : 'step skipped', step);
      } catch (error) {
        step.status = 'Failed';
        step.endedAt = nowIso();
        const code = error instanceof AADSyncKeyError ? error.code : 'InternalError';
        const message = error instanceof Error ? error.message : String(error);
        step.error = { code, message };
        this.save('step failed', step);
        this.finish('Failed', resumed);
        if (error instanceof AADSyncKeyError) {
          throw new AADSyncKeyError(error.code, `Recovery ${journal.recoveryId} stopped at step '${step.id}': ${message} The journal ${this.journalPath} records where it stopped; run Invoke-AADSyncKeyRecovery again to continue from there.`, {
            target: step.target,
            category: error.category,
            cause: error,
          });
        }
        throw error;
      }
      if (PAUSE_BETWEEN_STEPS_MS > 0 && index < journal.steps.length - 1) await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_STEPS_MS));
    }
    this.finish('Succeeded', resumed);
  }
}
