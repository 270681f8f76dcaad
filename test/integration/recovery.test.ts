import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { caseOutcome, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// Invoke-AADSyncKeyRecovery in real pwsh: the gate, bad input, failing steps and reruns, journals and locks.
describe('Invoke-AADSyncKeyRecovery (real pwsh)', function () {
  this.timeout(400_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;
  const server = (name: string): string => join(root, name);
  // The server-wide lock lives on the (simulated) server: its ProgramData folder, in its state folder.
  const lockFolder = (name: string): string => join(server(name), 'ProgramData', 'AADSyncKey');

  before(async () => {
    root = makeTempDir();
    // The live lock holder is this process, which outlives the script.
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('Recovery.Cases.ps1'), ['-Root', root, '-LiveHolderPid', String(process.pid), '-HolderHost', hostname()], {
      stdin: ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'Tailspin-Pw-3!', 'GlobalAdmin-Pw-4!'].join('\n'),
      timeoutMs: 380_000,
    });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const result = (name: string): RecoveryOutput => firstOutput<RecoveryOutput>(outcomes, name);
  const refusedWithoutChange = (name: string, errorId: string, category: string): void => {
    expect(outcome(name), name).to.include({ ok: false, errorId, category, stateChanged: false, abandonCount: 0 });
  };

  it('-WhatIf shows the plan, one step per line, and changes nothing, not even a journal', () => {
    expect(outcome('whatIf')).to.include({ ok: true, stateChanged: false, keyState: 'Unreadable' });
    const plan = result('whatIf');
    expect(plan.Steps.map((s) => s.Step)).to.deep.equal([
      'stop-service', 'abandon-key', 'start-service', 'check-connectors', 'connector:contoso.com', 'connector:fabrikam.com', 'connector:tailspin.com', 'aad-service-account', 'verify-sync',
    ]);
    expect(outcome('whatIf.journals').output).to.deep.equal([0]);
    expect(outcome('whatIf.view').output).to.deep.equal([true]);
  });

  it('stops with the diagnosis instead of abandoning the key when it is not key loss', () => {
    refusedWithoutChange('healthy', 'RecoveryNotNeeded', 'InvalidOperation');
    refusedWithoutChange('logon', 'RecoveryNotNeeded', 'InvalidOperation');
    expect(outcome('logon').message).to.include('ServiceLogonFailure').and.include('Do not abandon the key');
  });

  it('refuses malformed and incomplete input with clear ErrorRecords before changing anything', () => {
    refusedWithoutChange('malformed', 'InvalidConnectorCredential', 'InvalidArgument');
    refusedWithoutChange('pipedWithoutCredential', 'InvalidConnectorCredential', 'InvalidArgument');
    refusedWithoutChange('resumeNothing', 'NoRecoveryToResume', 'ObjectNotFound');
    expect(outcome('seen').output).to.deep.equal([4]);
    refusedWithoutChange('missing', 'ConnectorCredentialMissing', 'InvalidArgument');
    expect(outcome('missing').message).to.include('tailspin.com');
    refusedWithoutChange('unknown', 'ConnectorNotFound', 'ObjectNotFound');
    refusedWithoutChange('notAD', 'ConnectorNotAD', 'InvalidArgument');
    refusedWithoutChange('empty', 'EmptyPassword', 'InvalidArgument');
    refusedWithoutChange('noAAD', 'AADCredentialMissing', 'InvalidArgument');
  });

  it('recovers a server whose connectors it remembered, with credentials piped in', () => {
    expect(outcome('recoveredWithInventory')).to.include({ ok: true, abandonCount: 1, serviceStatus: 'Running', keyState: 'Healthy' });
    expect(result('recoveredWithInventory')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1, StepsDone: 9, StepCount: 9 });
  });

  it('stops at a rejected AD password, records where, and continues from that connector when rerun', () => {
    expect(outcome('wrongAD')).to.include({ ok: false, errorId: 'ConnectorCredentialRejected', abandonCount: 1 });
    expect(outcome('wrongAD').message).to.include('fabrikam.com').and.include('run Invoke-AADSyncKeyRecovery again');
    expect(result('wrongAD.journal')).to.include({ Outcome: 'Failed', StoppedAt: 'connector:fabrikam.com' });
    const rerun = result('wrongAD.rerun');
    expect(rerun).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(rerun.Steps.find((s) => s.Step === 'abandon-key')?.Attempts).to.equal(1);
    expect(rerun.Steps.find((s) => s.Step === 'connector:fabrikam.com')?.Attempts).to.equal(2);
    expect(rerun.Steps.find((s) => s.Step === 'connector:contoso.com')?.Attempts).to.equal(1);
    expect(outcome('wrongAD.rerun')).to.include({ abandonCount: 1, keyState: 'Healthy' });
    expect(outcome('wrongAD.test').output).to.deep.equal([true]);
  });

  it('stops at an Azure AD sign-in failure and resumes with -Resume', () => {
    expect(outcome('wrongGA')).to.include({ ok: false, errorId: 'AzureADSignInFailed', category: 'AuthenticationError' });
    expect(outcome('wrongGA').message).to.include("step 'aad-service-account'");
    expect(result('wrongGA.rerun')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(outcome('wrongGA.rerun').abandonCount).to.equal(1);
  });

  it("stops when the Azure AD connector cannot sign in at the verifying cycle, and its rerun does not reset the Azure AD sign-in again", () => {
    expect(outcome('aadRefused')).to.include({ ok: false, errorId: 'AzureADConnectorSignInFailed', abandonCount: 1 });
    expect(outcome('aadRefused').message).to.include('Delta Import stopped-extension-dll-exception').and.include('Reset-AADSyncAADServiceAccount');
    const rerun = result('aadRefused.rerun');
    expect(rerun).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(rerun.Steps.find((s) => s.Step === 'aad-service-account')?.Attempts).to.equal(1);
    expect(rerun.Steps.find((s) => s.Step === 'verify-sync')?.Attempts).to.equal(2);
  });

  it('stops when the service does not start, and continues without abandoning again', () => {
    expect(outcome('startFails')).to.include({ ok: false, errorId: 'ServiceStartFailed', abandonCount: 1 });
    expect(outcome('startFails').message).to.include("step 'start-service'");
    const rerun = result('startFails.rerun');
    expect(rerun).to.include({ Outcome: 'Succeeded', Resumed: true });
    expect(outcome('startFails.rerun')).to.include({ abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
  });

  it('abandons a second time only when the key the recovery made was lost too', () => {
    expect(outcome('lostAgain.first')).to.include({ ok: false, errorId: 'AzureADSignInFailed', abandonCount: 1 });
    expect(outcome('lostAgain')).to.include({ ok: true, abandonCount: 2, keyState: 'Healthy', serviceStatus: 'Running' });
    expect(outcome('lostAgain').warnings.join('\n')).to.include('unreadable too');
    expect(result('lostAgain')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 2 });
  });

  it('refuses a corrupted journal and a journal of another server, changing nothing', () => {
    expect(outcome('corrupt.first')).to.include({ ok: false, errorId: 'AzureADSignInFailed' });
    expect(outcome('corrupt')).to.include({ ok: false, errorId: 'JournalCorrupt', category: 'InvalidData', stateChanged: false });
    refusedWithoutChange('mismatch', 'JournalServerMismatch', 'InvalidData');
    expect(outcome('mismatch').message).to.include('not of this server');
  });

  it('refuses while a live process holds the server lock, naming it, for the recovery and the step cmdlets; a dead holder blocks nothing', () => {
    refusedWithoutChange('liveLock', 'RecoveryInProgress', 'ResourceBusy');
    expect(outcome('liveLock').message).to.include(`process ${process.pid}`).and.include('someone');
    refusedWithoutChange('liveLock.remove', 'RecoveryInProgress', 'ResourceBusy');
    expect(outcome('staleLock')).to.include({ ok: true, abandonCount: 1 });
    // Released at the end: the record is gone, and the lock file is free for the next command.
    expect(existsSync(join(lockFolder('staleLock'), 'server.lock.json'))).to.equal(false);
  });

  it('keeps an audit trail: who, when, which steps, outcome, with no secret', () => {
    const audit = outcome('audit').output as Array<RecoveryOutput & { StartedBy: string; Events: Array<{ Event: string }> }>;
    expect(audit.length).to.be.at.least(5);
    const outcomesSeen = new Set(audit.map((j) => j.Outcome));
    expect(outcomesSeen.has('Succeeded')).to.equal(true);
    expect(audit[0]?.StartedBy).to.be.a('string').and.not.equal('');
    expect(audit[0]?.Events.map((e) => e.Event)).to.include('recovery started').and.include('recovery succeeded');
    expect(JSON.stringify(audit)).not.to.include('Pw-');
  });
});
