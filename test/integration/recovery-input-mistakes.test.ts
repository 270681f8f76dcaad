import { expect } from 'chai';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { CASES_JSON, caseOutcome, casePrelude, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { runPwshJson } from '../helpers/pwsh.js';
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
  const server = (name: string): string => join(root, name);
  const q = (name: string): string => quotePowerShellLiteral(server(name));

  before(async () => {
    root = makeTempDir();
    const script = `${casePrelude(join(root, 'data'))}
$secrets = @([Console]::In.ReadToEnd() -split "\`n")
$contoso = New-TestCredential 'CONTOSO\\MSOL_c' $secrets[0]
$fabrikam = New-TestCredential 'FABRIKAM\\MSOL_f' $secrets[1]
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[2]
$enterpriseAdmin = New-TestCredential 'FABRIKAM\\admin' $secrets[3]
$wrongFabrikam = New-TestCredential 'FABRIKAM\\MSOL_f' 'an-old-password'
$forests = @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam }
foreach ($name in 'typo', 'leftOut', 'extra', 'aadAsAD', 'wrongPassword', 'resetOne', 'resetArray', 'cancel', 'health', 'movedAccount') {
    $null = New-SimADSyncServer -Path (Join-Path ${quotePowerShellLiteral(root)} $name) -Scenario KeyLost -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin -EnterpriseAdminCredential $enterpriseAdmin
}

Invoke-Case 'typo.first' ${q('typo')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.co' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'typo' ${q('typo')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'leftOut.first' ${q('leftOut')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso } -Confirm:$false }
Invoke-Case 'leftOut' ${q('leftOut')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'extra.first' ${q('extra')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'tailspin.com' = $contoso } -Confirm:$false }
Invoke-Case 'extra' ${q('extra')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'aadAsAD.first' ${q('aadAsAD')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'contoso.onmicrosoft.com - AAD' = $globalAdmin } -Confirm:$false }
Invoke-Case 'aadAsAD' ${q('aadAsAD')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'wrongPassword.first' ${q('wrongPassword')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $wrongFabrikam } -Confirm:$false }
Invoke-Case 'wrongPassword' ${q('wrongPassword')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# One name, as help Example 3 writes it, and an array.
Invoke-Case 'resetOne' ${q('resetOne')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso } -ResetConnector 'fabrikam.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false }
Invoke-Case 'resetArray' ${q('resetArray')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ResetConnector 'contoso.com', 'fabrikam.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false }

# An unfinished recovery is cancelled; the server says what is left; a new recovery then finishes without a second abandon.
Invoke-Case 'cancel.first' ${q('cancel')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.co' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'cancel.whatIf' ${q('cancel')} { Stop-AADSyncKeyRecovery -Reason 'typo in a forest name' -WhatIf }
Invoke-Case 'cancel' ${q('cancel')} { Get-AADSyncKeyRecoveryJournal -Unfinished | Select-Object -First 1 | Stop-AADSyncKeyRecovery -Reason 'typo in a forest name' -Confirm:$false }
Invoke-Case 'cancel.again' ${q('cancel')} { Stop-AADSyncKeyRecovery -Reason 'again' -Confirm:$false }
Invoke-Case 'cancel.journal' ${q('cancel')} { Get-AADSyncKeyRecoveryJournal | Where-Object Outcome -eq 'Cancelled' | Select-Object -First 1 }
Invoke-Case 'cancel.recover' ${q('cancel')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# Health after an abandon is never Healthy until every credential is entered again.
Invoke-Case 'health.removed' ${q('health')} { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'health.stopped' ${q('health')} { Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.removeAgain' ${q('health')} { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'health.started' ${q('health')} { Start-AADSyncService -SkipSyncCycle -Confirm:$false | Out-Null; Test-AADSyncEncryptionKey }
Invoke-Case 'health.detailed' ${q('health')} { Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.readFailures' ${q('health')} { @((Get-AADSyncServerState).ReadFailures | ForEach-Object { $_.Command }) }
Invoke-Case 'health.connectors' ${q('health')} { Get-AADSyncConnector | Select-Object Name, CredentialState }
Invoke-Case 'health.oneDone' ${q('health')} { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $contoso -Confirm:$false | Out-Null; Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.allDone' ${q('health')} {
    Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $fabrikam -Confirm:$false | Out-Null
    Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false | Out-Null
    Test-AADSyncEncryptionKey
}

# A changed sign-in account is never silent; a password the account cannot sign in with is never "stored".
$null = New-SimADSyncServer -Path ${q('account')} -Scenario Healthy -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
Invoke-Case 'account.otherDomain' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'account.otherUser' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential (New-TestCredential 'FABRIKAM\\MSOL_other' $secrets[1]) -Confirm:$false -PassThru }
Invoke-Case 'account.forced' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential (New-TestCredential 'CONTOSO\\MSOL_c' $secrets[1]) -Force -Confirm:$false -PassThru }
Invoke-Case 'account.back' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $fabrikam -Force -Confirm:$false -PassThru }
Invoke-Case 'account.wrong' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $wrongFabrikam -Confirm:$false -PassThru }
Invoke-Case 'account.wrongSkipped' ${q('account')} { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential (New-TestCredential 'CONTOSO\\MSOL_c' 'an-old-password') -SkipVerification -Confirm:$false -PassThru }
Invoke-Case 'movedAccount' ${q('movedAccount')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = (New-TestCredential 'CONTOSO\\MSOL_c' $secrets[1]) } -Confirm:$false }
${CASES_JSON}`;
    outcomes = await runPwshJson<Record<string, CaseOutcome>>(script, {
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
    expect(outcome('account.otherDomain').message).to.match(/signs in as FABRIKAM\\MSOL_[0-9a-f]{12}; the credential is CONTOSO\\MSOL_c/);
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
    expect(outcome('movedAccount').warnings.join('\n')).to.match(/'fabrikam\.com' signed in as FABRIKAM\\MSOL_[0-9a-f]{12}; it now signs in as CONTOSO\\MSOL_c, an account of another domain/);
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
