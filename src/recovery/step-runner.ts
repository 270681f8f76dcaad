import { readServerSnapshot } from '../adsync/server-snapshot.js';
import type { CommandContext } from '../core/command-context.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { abandonKey, readAbandonRecord, type KeyAbandonment } from '../operations/abandon-key.js';
import { resetAADServiceAccount, rollBackToServiceAccount } from '../operations/aad-service-account.js';
import type { SecretCredential } from '../session/secret.js';
import { stopService } from '../operations/stop-service.js';
import { accountChange } from '../operations/account-change.js';
import { storeConnectorCredential } from '../operations/connector-credential.js';
import { startAndVerify } from '../diagnosis/start-and-diagnose.js';
import { startedCleanly, startService } from '../operations/start-service.js';
import { describeRun, judgeSyncCycle, type ConnectorCycleResult } from '../operations/sync-cycle-judgment.js';
import { connectorKind } from '../adsync/connector-kind.js';
import { StepFailure, type JournalChanges, type StepMark } from './journal-changes.js';
import type { JournalStep } from './journal-types.js';
import { connectorOf, connectorStep } from './plan.js';
import { connectorNamesIn, hasConnectorInput, type RecoveryInput } from './recovery-input.js';

/** The journal as a step sees it: to read, never to write (the executor applies what a step returns). */
export interface JournalView {
  readonly recoveryId: string;
  readonly steps: ReadonlyArray<Readonly<JournalStep>>;
  /** The Azure AD connector's sign-in identity when the recovery began, if it could be read. */
  readonly aadIdentity?: 'Application' | 'ServiceAccount';
}

/** What a step runner may use. */
export interface StepEnvironment {
  readonly context: Pick<CommandContext, 'session' | 'streams'>;
  readonly input: RecoveryInput;
  readonly journal: JournalView;
  readonly journalPath: string;
  readonly timeoutSeconds: number;
  /** How the step's previous attempt ended, if it failed: the abandon step decides from it whether /a may run again. */
  readonly previousError: { readonly code: string; readonly message: string } | null;
}

/** A step's end: done with what was verified, or skipped because it does not apply, and what else it changes. */
export interface StepOutcome {
  readonly status: 'Done' | 'Skipped';
  readonly verified: string;
  readonly changes?: JournalChanges;
}

async function stopServiceStep(env: StepEnvironment): Promise<StepOutcome> {
  const outcome = await stopService(env.context, env.timeoutSeconds);
  return { status: 'Done', verified: outcome.stoppedNow ? 'Get-Service reads ADSync as Stopped' : 'ADSync was already stopped' };
}

/** Previous outcomes after which the key must be abandoned again: the earlier abandon did not reach this key. */
const ABANDON_AGAIN = new Set(['KeyAbandonNotEffective', 'NewKeyLost', 'KeyAbandonFailed']);

// Whether an abandon whose end is unknown took effect, as the service shows it: a clean start makes a new key
// (it did), a start that logs 6028 again means the old key is still there (it did not).
async function abandonTookEffect(env: StepEnvironment): Promise<boolean> {
  env.context.streams.verbose('Whether the earlier abandon took effect is read from the service: starting it.');
  const start = await startService(env.context, env.timeoutSeconds, true);
  if (startedCleanly(start)) return true;
  if (start.keyEventsSinceStart > 0) return false;
  // Neither: something else stops the service; the full check says what.
  await startAndVerify(env.context, env.timeoutSeconds, true);
  return true;
}

function counted(verified: string): StepOutcome {
  return { status: 'Done', verified, changes: { abandonCountDelta: 1 } };
}

/**
 * Abandons the key, at most once per key. When an earlier attempt of this step was cut off, the server is asked
 * first: its abandon record (waiting for a miiskmu /a still running), then, if the record cannot tell, the
 * service's next start. Only a key shown to be still there is abandoned again.
 */
async function abandonKeyStep(env: StepEnvironment, step: JournalStep): Promise<StepOutcome> {
  const requester = { recoveryId: env.journal.recoveryId, journalPath: env.journalPath };
  const mustAbandonAgain = env.previousError !== null && ABANDON_AGAIN.has(env.previousError.code);
  if (step.attempts > 1 && !mustAbandonAgain) {
    const { record, stillRunning } = await readAbandonRecord(env.context, env.timeoutSeconds);
    const ours = record !== null && record.recoveryId === env.journal.recoveryId;
    if (ours && stillRunning) {
      throw new AADSyncKeyError('KeyAbandonInFlight', `miiskmu.exe /a of this recovery (process ${String(record.miiskmuPid)}) is still running after ${env.timeoutSeconds} seconds; the key was not abandoned again.`, { target: 'miiskmu.exe' });
    }
    if (ours && record.state === 'Done') return counted(`The server's record: miiskmu.exe /a of this recovery exited 0 at ${String(record.endedAt)}`);
    if (ours && record.state !== 'Failed') {
      if (await abandonTookEffect(env)) return counted('The service started and made a new key: the interrupted miiskmu.exe /a had abandoned the key');
      env.context.streams.verbose('The key is still unreadable: the interrupted attempt had not abandoned it.');
    }
  }
  const outcome: KeyAbandonment = await abandonKey(env.context, env.timeoutSeconds, requester);
  if (!outcome.ran) {
    // An abandon left running by an ended session finished while this waited: the service tells what it did.
    if (await abandonTookEffect(env)) return counted(`The service started and made a new key: miiskmu.exe /a started at ${String(outcome.earlier?.startedAt)} had abandoned the key`);
    const again = await abandonKey(env.context, env.timeoutSeconds, requester);
    return counted(`miiskmu.exe /a exited ${String(again.exitCode)}: "${again.output}" (proven by the next start)`);
  }
  return counted(`miiskmu.exe /a exited 0: "${outcome.output}" (proven by the next start)`);
}

/**
 * Starts the service, which makes the new key. A new 6028 right after this recovery's abandon means the abandon
 * never reached the key (miiskmu said it did): the abandon step is reopened, uncounted, for the rerun.
 */
async function startServiceStep(env: StepEnvironment): Promise<StepOutcome> {
  const outcome = await startService(env.context, env.timeoutSeconds, true);
  if (startedCleanly(outcome)) {
    return { status: 'Done', verified: `Service ${outcome.serviceStatus}, no event 6028 since the start: the key made at this start is readable` };
  }
  const abandon = env.journal.steps.find((s) => s.kind === 'AbandonKey');
  if (outcome.keyEventsSinceStart > 0 && abandon?.status === 'Done') {
    const message = 'miiskmu.exe /a had reported success, but the service still cannot read its key (a new event 6028): the abandon did not take effect.';
    throw new StepFailure(
      'KeyAbandonNotEffective',
      `${message} Run the recovery again: it abandons the key once more, since the server never saw the first.`,
      { abandonCountDelta: -1, marks: [{ id: abandon.id, status: 'Failed', error: { code: 'KeyAbandonNotEffective', message } }] },
      { target: 'ADSync' },
    );
  }
  await startAndVerify(env.context, env.timeoutSeconds, true);
  return { status: 'Done', verified: `Service Running, no event 6028 since the start` };
}

/**
 * Makes the connector steps follow the server's live list, not the names typed: once the service runs with its new
 * key, every AD connector gets a step (those already done keep theirs), and names that are no AD connector of this
 * server are dropped. Input that does not fit the live list (a typo, a forest left out, an extra one, the Azure AD
 * connector given as an AD one) stops the recovery here, with the server's real names; a rerun with corrected
 * input continues from this step and never abandons the key again.
 */
async function checkConnectors(env: StepEnvironment): Promise<StepOutcome> {
  const snapshot = await readServerSnapshot(env.context.session, env.context.streams);
  if (snapshot.connectors === null) {
    throw new AADSyncKeyError('SyncServiceNotRunning', `The connectors cannot be listed: ${snapshot.connectorsUnavailableReason ?? 'the service is not running'}.`, { target: 'ADSync' });
  }
  const live = snapshot.connectors;
  const adNames = live.filter((c) => connectorKind(c) === 'AD').map((c) => c.name);
  const connectorSteps = env.journal.steps.filter((s) => s.kind === 'ConnectorCredential');
  const done = new Set(connectorSteps.filter((s) => s.status === 'Done').map(connectorOf));
  const given = connectorNamesIn(env.input);
  const notAD = given.filter((name) => live.some((c) => c.name === name && connectorKind(c) !== 'AD'));
  const unknown = given.filter((name) => !live.some((c) => c.name === name));
  const missing = adNames.filter((name) => !done.has(name) && !hasConnectorInput(env.input, name));
  if (notAD.length > 0 || unknown.length > 0 || missing.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`no credential was given for ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`the server has no connector named ${unknown.join(', ')}`] : []),
      ...(notAD.length > 0 ? [`${notAD.join(', ')} is the Azure AD connector, whose account is reset with -AADCredential`] : []),
    ];
    const code = missing.length > 0 ? 'ConnectorCredentialMissing' : unknown.length > 0 ? 'ConnectorNotFound' : 'ConnectorNotAD';
    throw new AADSyncKeyError(
      code,
      `The credentials do not fit this server's AD connectors (${adNames.join(', ')}): ${problems.join('; ')}. Run the recovery again with one credential per AD connector, named as listed; it continues from here without abandoning the key again.`,
      { target: [...missing, ...unknown, ...notAD].join(', ') },
    );
  }
  const kept = new Map(connectorSteps.map((s) => [connectorOf(s), s]));
  const rebuilt = adNames.map((name) => kept.get(name) ?? connectorStep(name, env.input));
  const dropped = connectorSteps.filter((s) => !adNames.includes(connectorOf(s))).map(connectorOf);
  const added = adNames.filter((name) => !kept.has(name));
  const aadStep = env.journal.steps.find((s) => s.kind === 'AADServiceAccount');
  const marks: StepMark[] = aadStep !== undefined && aadStep.status !== 'Done' && snapshot.aadIdentityType === 'Application' && !env.input.rollbackToServiceAccount
    ? [{ id: aadStep.id, status: 'Skipped', verified: 'The Azure AD connector signs in with an application identity: Add-ADSyncAADServiceAccount would roll it back to the legacy service account, so it is not run' }]
    : [];
  const said = [...(added.length > 0 ? [`added ${added.join(', ')}`] : []), ...(dropped.length > 0 ? [`dropped ${dropped.join(', ')}`] : [])];
  return {
    status: 'Done',
    verified: `${adNames.length} AD connector(s) on the server, each with a credential${said.length > 0 ? `; ${said.join('; ')}` : ''}`,
    changes: { connectorSteps: rebuilt.map((s) => ({ ...s })), marks },
  };
}

async function connectorCredential(env: StepEnvironment, step: JournalStep): Promise<StepOutcome> {
  const name = connectorOf(step);
  const known = env.input.connectorCredentials.get(name);
  if (known !== undefined) {
    const stored = await storeConnectorCredential(env.context, name, { mode: 'Known', credential: known }, env.timeoutSeconds);
    const change = accountChange({ user: stored.previousUser, domain: stored.previousDomain }, known.userName);
    if (change !== null) env.context.streams.warning(`The connector '${name}' signed in as ${change.from}; it now signs in as ${change.to}${change.domainChanged ? ', an account of another domain' : ''}. If that is not meant, rerun with its own account.`);
    return { status: 'Done', verified: `Stored; the connector reads back with account ${[stored.loginDomain, stored.loginUser].filter(Boolean).join('\\')}` };
  }
  if (env.input.resetConnectors.has(name) && env.input.enterpriseAdmin !== undefined) {
    await storeConnectorCredential(env.context, name, { mode: 'Reset', enterpriseAdminCredential: env.input.enterpriseAdmin }, env.timeoutSeconds);
    return { status: 'Done', verified: 'Reset by the Enterprise Admin and stored' };
  }
  throw new AADSyncKeyError('ConnectorCredentialMissing', `No credential was given for the AD connector '${name}'. Run the recovery again with one (-ConnectorCredential @{ '${name}' = ... }); it continues from here.`, { target: name });
}

/** The Azure AD connector's sign-in identity: read now, else as the recovery read it before its first change. */
async function azureADIdentity(env: StepEnvironment): Promise<{ identity: 'Application' | 'ServiceAccount' | null; readFailure: string | null }> {
  const snapshot = await readServerSnapshot(env.context.session, env.context.streams);
  const live = snapshot.aadIdentityType === 'Application' || snapshot.aadIdentityType === 'ServiceAccount' ? snapshot.aadIdentityType : null;
  return { identity: live ?? env.journal.aadIdentity ?? null, readFailure: snapshot.readFailures?.['Get-ADSyncEntraConnectorCredential'] ?? null };
}

/**
 * Reinitializes the legacy Azure AD service account, and only that: on a server that signs in with an application
 * identity Add-ADSyncAADServiceAccount is Microsoft's rollback to the service account it recommends removing
 * (authenticate-application-id.md), so it runs only for a known ServiceAccount identity, or as the rollback the
 * administrator asked for with -RollbackToServiceAccount.
 */
async function azureADAccount(env: StepEnvironment): Promise<StepOutcome> {
  const { identity, readFailure } = await azureADIdentity(env);
  if (env.input.rollbackToServiceAccount) return rollbackToServiceAccountStep(env, identity);
  if (identity === 'Application') {
    return { status: 'Skipped', verified: 'The Azure AD connector signs in with an application identity (Get-ADSyncEntraConnectorCredential): Add-ADSyncAADServiceAccount would roll it back to the legacy service account, so it was not run' };
  }
  if (identity !== 'ServiceAccount') {
    throw new AADSyncKeyError('AADIdentityUnknown', `The Azure AD connector's sign-in identity could not be read (Get-ADSyncEntraConnectorCredential: ${readFailure ?? 'no answer'}), now or before the recovery's first change, so Add-ADSyncAADServiceAccount was not run: on a server with an application identity it would roll the sign-in back to the legacy service account. Read it on the server with Get-ADSyncEntraConnectorCredential; if it says ServiceAccount, or you mean to roll back, run the recovery again with -RollbackToServiceAccount; it continues from this step.`, { target: 'Get-ADSyncEntraConnectorCredential' });
  }
  const aadCredential = requireAADCredential(env, 'The Azure AD service account must be reinitialized');
  await resetAADServiceAccount(env.context, aadCredential, undefined, Math.max(env.timeoutSeconds, 180));
  return { status: 'Done', verified: `The Azure AD connector signs in with the legacy service account; Add-ADSyncAADServiceAccount succeeded as ${aadCredential.userName}` };
}

function requireAADCredential(env: StepEnvironment, why: string): SecretCredential {
  if (env.input.aadCredential !== undefined) return env.input.aadCredential;
  throw new AADSyncKeyError('AADCredentialMissing', `${why}, and no -AADCredential was given. Run the recovery again with a Hybrid Identity Administrator (or Global Administrator) credential; it continues from here.`, { target: 'AADCredential' });
}

/** -RollbackToServiceAccount: Microsoft's rollback steps, with the warning the administrator must hear. */
async function rollbackToServiceAccountStep(env: StepEnvironment, identity: 'Application' | 'ServiceAccount' | null): Promise<StepOutcome> {
  const aadCredential = requireAADCredential(env, 'The rollback to the legacy service account needs Add-ADSyncAADServiceAccount');
  env.context.streams.warning('-RollbackToServiceAccount: Add-ADSyncAADServiceAccount creates a new legacy Sync_ service account in Entra ID, which Microsoft recommends removing once an application identity works; builds 2.5.76.0 and later may switch back to an application identity by themselves.');
  const rolled = await rollBackToServiceAccount(env.context, aadCredential, Math.max(env.timeoutSeconds, 180));
  return {
    status: 'Done',
    verified: `Rolled back to the legacy service account (-RollbackToServiceAccount; it was ${identity ?? 'unreadable'}): scheduler disabled, Add-ADSyncAADServiceAccount as ${aadCredential.userName}, ConnectorIdentityType now ${rolled.identityAfter}, scheduler ${rolled.schedulerEnabledAfter ? 'enabled' : 'left disabled as it was'}`,
  };
}

/** A connector's failure as a message names it: "'contoso.com' (Delta Import no-start-credentials)". */
function failureText(connector: ConnectorCycleResult): string {
  return `'${connector.connectorName}' (${connector.failingRun === undefined ? connector.verdict : describeRun(connector.failingRun)})`;
}

/**
 * The delta cycle is the proof: every run profile of every connector is judged, and only a run that could not sign
 * in or connect fails it. A refused AD connector sends the recovery back to that connector's step; a refused Azure
 * AD connector does not reopen the Azure AD step, which would reset its sign-in again without being asked.
 */
async function verifySync(env: StepEnvironment): Promise<StepOutcome> {
  const outcome = await startAndVerify(env.context, env.timeoutSeconds, false);
  const judgment = judgeSyncCycle(outcome);
  const withoutRun = judgment.connectors.filter((c) => c.verdict === 'NoRun').map((c) => c.connectorName);
  if (withoutRun.length > 0 || outcome.syncCycle !== 'Completed') {
    // No run is no proof: a cycle that did not reach a connector in time says nothing about its password.
    const unfinished = outcome.runsUnfinished > 0 ? `; ${outcome.runsUnfinished} run(s) were still going` : '';
    throw new AADSyncKeyError('SyncNotVerified', `The delta cycle did not complete within ${env.timeoutSeconds} seconds${withoutRun.length > 0 ? `: no run of ${withoutRun.join(', ')} ended` : ''}${unfinished}, so the credentials are not proven. Run the recovery again (with a larger -TimeoutSeconds on a large directory); it runs the cycle again.`, { target: withoutRun.join(', ') || 'ADSync' });
  }
  for (const warning of judgment.warnings) env.context.streams.warning(warning);
  if (judgment.failed.length === 0) {
    const summary = judgment.connectors.map((c) => `${c.connectorName}: ${c.runs.map(describeRun).join(', ')}`).join('; ');
    return { status: 'Done', verified: `Delta cycle ran on every connector (${summary})${judgment.warnings.length > 0 ? `; ${judgment.warnings.length} warning(s)` : ''}` };
  }
  const rejectedAD = judgment.failed.filter((c) => c.verdict === 'CredentialRejected' && c.kind === 'AD');
  const rejectedAzureAD = judgment.failed.filter((c) => c.verdict === 'CredentialRejected' && c.kind === 'AzureAD');
  const unreachable = judgment.failed.filter((c) => c.verdict === 'Unreachable');
  const marks: StepMark[] = rejectedAD.flatMap((connector) => {
    const culprit = env.journal.steps.find((s) => s.kind === 'ConnectorCredential' && connectorOf(s) === connector.connectorName);
    return culprit === undefined ? [] : [{ id: culprit.id, status: 'Failed' as const, error: { code: 'ConnectorCredentialRejected', message: `The delta cycle's ${describeRun(connector.failingRun ?? { runProfileName: '', result: 'error' })} of '${connector.connectorName}' refused its credential.` } }];
  });
  // With an application identity a refused Azure AD connector is an unusable application credential (its
  // certificate's private key may have been lost with the DPAPI keys): remedies of its own, no service account.
  const application = rejectedAzureAD.length > 0 && (await azureADIdentity(env)).identity === 'Application';
  const azureADAdvice = application
    ? `the Azure AD connector signs in with an application identity and could not sign in, ${rejectedAzureAD.map(failureText).join(', ')}: its credential is unusable. Rotate it: with a certificate Entra Connect manages, the wizard's 'Rotate application certificate'; with your own certificate or application, Invoke-ADSyncApplicationCredentialRotation -CertificateSHA256Hash <hash>; or roll back to the legacy service account by running the recovery again with -RollbackToServiceAccount`
    : `the Azure AD connector could not sign in, ${rejectedAzureAD.map(failureText).join(', ')}: the recovery does not reset the Azure AD sign-in again by itself; run Reset-AADSyncAADServiceAccount, then run the recovery again`;
  const parts = [
    ...(rejectedAD.length > 0 ? [`the password given was not accepted for ${rejectedAD.map(failureText).join(', ')}: run the recovery again with the right credential; it redoes ${marks.map((m) => m.id).join(', ') || 'those connectors'} and verifies again`] : []),
    ...(rejectedAzureAD.length > 0 ? [azureADAdvice] : []),
    ...(unreachable.length > 0 ? [`could not reach the directory of ${unreachable.map(failureText).join(', ')}: check this server's connection to it and run the recovery again; no credential is entered again because of it`] : []),
  ];
  const code = rejectedAD.length > 0 ? 'ConnectorCredentialRejected'
    : rejectedAzureAD.length > 0 ? (application ? 'ApplicationCredentialUnusable' : 'AzureADConnectorSignInFailed') : 'ConnectorUnreachable';
  throw new StepFailure(code, `The delta cycle failed: ${parts.join('; and ')}.`, { marks }, { target: judgment.failed.map((c) => c.connectorName).join(', ') });
}

/** Runs one step on the server. */
export function runStep(env: StepEnvironment, step: JournalStep): Promise<StepOutcome> {
  switch (step.kind) {
    case 'StopService': return stopServiceStep(env);
    case 'AbandonKey': return abandonKeyStep(env, step);
    case 'StartService': return startServiceStep(env);
    case 'CheckConnectors': return checkConnectors(env);
    case 'ConnectorCredential': return connectorCredential(env, step);
    case 'AADServiceAccount': return azureADAccount(env);
    case 'VerifySync': return verifySync(env);
  }
}
