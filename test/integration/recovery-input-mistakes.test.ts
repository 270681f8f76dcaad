import { expect } from 'chai';
import { caseOutcome, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Diagnosis {
  Status: string;
  KeyReadable: boolean;
  RecommendedAction: string;
  AffectedConnectors: string[];
}

// Issue 11: no input mistake strands a recovery. Each server lost its key and nothing remembers its connectors, so
// the first run abandons the key on the names typed; the mistake shows once the service runs with its new key,
// and the corrected rerun must finish with the key abandoned exactly once.
describe('recovery: input mistakes are correctable after the abandon (real pwsh)', function () {
  this.timeout(600_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('RecoveryInputMistakes.Cases.ps1'), ['-Root', root], {
      stdin: ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'GlobalAdmin-Pw-3!', 'EnterpriseAdmin-Pw-4!'].join('\n'),
      timeoutMs: 580_000,
    });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const result = (name: string): RecoveryOutput => firstOutput<RecoveryOutput>(outcomes, name);

  const mistakes: ReadonlyArray<readonly [string, string, string]> = [
    ['typo', 'ConnectorCredentialMissing', 'contoso.co'],
    ['leftOut', 'ConnectorCredentialMissing', 'fabrikam.com'],
    ['extra', 'ConnectorNotFound', 'tailspin.com'],
    ['aadAsAD', 'ConnectorNotAD', 'contoso.onmicrosoft.com - AAD'],
  ];
  for (const [name, errorId, named] of mistakes) {
    it(`${name}: stops after the abandon naming the server's connectors, and the corrected rerun finishes with one abandon`, () => {
      expect(outcome(`${name}.first`), name).to.include({ ok: false, errorId, abandonCount: 1 });
      expect(outcome(`${name}.first`).message).to.include(named).and.include('contoso.com, fabrikam.com');
      expect(result(name), name).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
      expect(outcome(name)).to.include({ abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
      expect(result(name).Steps.filter((s) => s.Step.startsWith('connector:')).map((s) => s.Step)).to.deep.equal(['connector:contoso.com', 'connector:fabrikam.com']);
    });
  }

  it('wrong password: the delta cycle rejects it, and the rerun redoes that connector with one abandon', () => {
    expect(outcome('wrongPassword.first')).to.include({ ok: false, errorId: 'ConnectorCredentialRejected', abandonCount: 1 });
    expect(result('wrongPassword')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(outcome('wrongPassword')).to.include({ abandonCount: 1, keyState: 'Healthy' });
  });

  it('-ResetConnector takes one name as well as several', () => {
    expect(result('resetOne')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(result('resetArray')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
  });

  it('Stop-AADSyncKeyRecovery cancels with who and why, says what is left, and a new recovery finishes without abandoning again', () => {
    expect(outcome('cancel.first')).to.include({ ok: false, abandonCount: 1 });
    expect(outcome('cancel.whatIf')).to.include({ ok: true, stateChanged: false });
    expect(outcome('cancel.whatIf').output).to.deep.equal([]);
    const cancelled = firstOutput<{ Outcome: string; KeyAbandoned: boolean; ConnectorsStillToDo: string[]; AADServiceAccountStillToDo: boolean; ServerStatus: string; Reason: string; CancelledBy: string }>(outcomes, 'cancel');
    expect(cancelled).to.include({ Outcome: 'Cancelled', KeyAbandoned: true, AADServiceAccountStillToDo: true, ServerStatus: 'CredentialsNotReentered', Reason: 'typo in a forest name' });
    expect(cancelled.ConnectorsStillToDo).to.deep.equal(['contoso.com', 'fabrikam.com']);
    expect(cancelled.CancelledBy).to.be.a('string').and.not.equal('');
    expect(outcome('cancel.again')).to.include({ ok: false, errorId: 'RecoveryNotFound', category: 'ObjectNotFound' });
    const journal = firstOutput<{ Events: Array<{ Event: string; By: string }> }>(outcomes, 'cancel.journal');
    expect(journal.Events.map((e) => e.Event)).to.include('recovery cancelled: typo in a forest name');
    expect(result('cancel.recover')).to.include({ Outcome: 'Succeeded', Resumed: false, KeyAbandonCount: 0 });
    expect(result('cancel.recover').Steps.slice(0, 2).map((s) => s.Status)).to.deep.equal(['Skipped', 'Skipped']);
    expect(outcome('cancel.recover')).to.include({ abandonCount: 1, keyState: 'Healthy', serviceStatus: 'Running' });
  });

  it('refuses a credential of another domain without -Force, warns on another user, and reports a password the account cannot use as an error', () => {
    expect(outcome('account.otherDomain')).to.include({ ok: false, errorId: 'ConnectorAccountChange', category: 'InvalidArgument', stateChanged: false });
    expect(outcome('account.otherDomain').message).to.match(/signs in as FABRIKAM\\MSOL_f; the credential is CONTOSO\\MSOL_c/);
    expect(outcome('account.otherUser')).to.include({ ok: true });
    expect(outcome('account.otherUser').warnings.join('\n')).to.include('FABRIKAM\\MSOL_other');
    expect(firstOutput<{ Verified: boolean }>(outcomes, 'account.otherUser')).to.include({ Verified: true });
    expect(outcome('account.forced')).to.include({ ok: true });
    expect(outcome('account.forced').warnings.join('\n')).to.include('will sign in as CONTOSO\\MSOL_c');
    expect(outcome('account.wrong')).to.include({ ok: false, errorId: 'ConnectorCredentialRejected' });
    expect(outcome('account.wrong').message).to.include('no-start-credentials');
    expect(firstOutput<{ Stored: boolean; Verified: boolean | null }>(outcomes, 'account.wrongSkipped')).to.include({ Stored: true, Verified: null });
  });

  it('a recovery that moves a connector to another account says so', () => {
    expect(result('movedAccount')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(outcome('movedAccount').warnings.join('\n')).to.match(/'fabrikam\.com' signed in as FABRIKAM\\MSOL_f; it now signs in as CONTOSO\\MSOL_c, an account of another domain/);
  });

  it('never calls a server Healthy after an abandon until every credential is entered again, and names what is left', () => {
    expect(outcome('health.removed')).to.include({ ok: true, abandonCount: 1 });
    expect(firstOutput<Diagnosis>(outcomes, 'health.stopped')).to.include({ Status: 'KeyAbandoned', KeyReadable: false });
    expect(firstOutput<Diagnosis>(outcomes, 'health.stopped').RecommendedAction).to.include('Do not abandon the key again');
    expect(outcome('health.removeAgain')).to.include({ ok: false, errorId: 'KeyNotLost', abandonCount: 1 });
    expect(outcome('health.started').output).to.deep.equal([false]);
    const detailed = firstOutput<Diagnosis>(outcomes, 'health.detailed');
    expect(detailed).to.include({ Status: 'CredentialsNotReentered', KeyReadable: false });
    expect(detailed.AffectedConnectors).to.deep.equal(['contoso.com', 'fabrikam.com']);
    expect(detailed.RecommendedAction).to.include("Set-AADSyncConnectorCredential -ConnectorName 'contoso.com'").and.include('Reset-AADSyncAADServiceAccount');
    // Just after the abandon the Sync_ account's password is unreadable: Get-ADSyncScheduler throws, and the read goes on.
    expect(outcome('health.readFailures').output).to.include('Get-ADSyncScheduler');
    const connectors = outcome('health.connectors').output as Array<{ Name: string; CredentialState: string }>;
    expect(connectors.map((c) => c.CredentialState)).to.deep.equal(['NotReentered', 'NotReentered', 'NotReentered']);
    expect(firstOutput<Diagnosis>(outcomes, 'health.oneDone').AffectedConnectors).to.deep.equal(['fabrikam.com']);
    expect(outcome('health.allDone').output).to.deep.equal([true]);
  });
});
