import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { CASES_JSON, caseOutcome, casePrelude, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { runPwshJson } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';


// Invoke-AADSyncKeyRecovery in real pwsh: the gate, bad input, failing steps and reruns, journals and locks.
describe('Invoke-AADSyncKeyRecovery (real pwsh)', function () {
  this.timeout(400_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;
  const server = (name: string): string => join(root, name);
  // The server-wide lock lives on the (simulated) server: its ProgramData folder, in its state folder.
  const lockFolder = (name: string): string => join(server(name), 'ProgramData', 'AADSyncKey');
  const holderRecord = (pid: number, user: string): string =>
    JSON.stringify({ command: 'Invoke-AADSyncKeyRecovery', recoveryId: '20261125T000000Z-abcdef', journalPath: '', corePid: pid, coreHost: hostname(), user, sessionPid: pid, since: '2026-11-25T00:00:00Z' });

  before(async () => {
    root = makeTempDir();
    const q = (name: string): string => quotePowerShellLiteral(server(name));
    const script = `${casePrelude(join(root, 'data'))}
$secrets = @([Console]::In.ReadToEnd() -split "\`n")
$contoso = New-TestCredential 'CONTOSO\\MSOL_contoso' $secrets[0]
$fabrikam = New-TestCredential 'FABRIKAM\\MSOL_fabrikam' $secrets[1]
$tailspin = New-TestCredential 'TAILSPIN\\MSOL_tailspin' $secrets[2]
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[3]
$wrong = New-TestCredential 'FABRIKAM\\MSOL_fabrikam' 'an-old-password'
$wrongAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
$empty = New-Object System.Management.Automation.PSCredential ('CONTOSO\\MSOL_contoso', (New-Object System.Security.SecureString))
$forests = @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'tailspin.com' = $tailspin }
function New-Server([string] $Path, [string[]] $Scenario) {
    $null = New-SimADSyncServer -Path $Path -Scenario $Scenario -ForestName 'contoso.com', 'fabrikam.com', 'tailspin.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
}
function Copy-Forests([hashtable] $Changes) { $copy = @{}; foreach ($k in $forests.Keys) { $copy[$k] = $forests[$k] }; foreach ($k in $Changes.Keys) { $copy[$k] = $Changes[$k] }; $copy }
foreach ($name in 'whatIf', 'wrongAD', 'wrongGA', 'startFails', 'corrupt', 'mismatch', 'liveLock', 'staleLock', 'lostAgain') { New-Server (Join-Path ${quotePowerShellLiteral(root)} $name) KeyLost }
New-Server ${q('healthy')} Healthy
New-Server ${q('logon')} LogonFailure

Invoke-Case 'whatIf' ${q('whatIf')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -WhatIf }
Invoke-Case 'whatIf.journals' ${q('whatIf')} { @(Get-AADSyncKeyRecoveryJournal).Count }
# The plan was this session's first output: its view loaded with it, -WhatIf or not.
Invoke-Case 'whatIf.view' ${q('whatIf')} { [bool](Get-FormatData -TypeName AADSyncKey.RecoveryPlan) }
Invoke-Case 'healthy' ${q('healthy')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'logon' ${q('logon')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'malformed' ${q('whatIf')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = 'Password1' } -Confirm:$false }
Invoke-Case 'pipedWithoutCredential' ${q('whatIf')} { [pscustomobject]@{ ConnectorName = 'contoso.com' } | Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -Confirm:$false }
Invoke-Case 'resumeNothing' ${q('whatIf')} { Invoke-AADSyncKeyRecovery -Resume -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# A server whose connectors were seen while it ran, then lost its key: the recovery knows every AD connector.
Invoke-Case 'seen' ${q('healthy')} { @(Get-AADSyncConnector).Count }
Connect-SimADSyncServer ${q('healthy')}
Add-SimScenario -Scenario KeyLost
Invoke-Case 'missing' ${q('healthy')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'unknown' ${q('healthy')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'nosuch.com' = $contoso }) -Confirm:$false }
Invoke-Case 'notAD' ${q('healthy')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'contoso.onmicrosoft.com - AAD' = $contoso }) -Confirm:$false }
Invoke-Case 'empty' ${q('healthy')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'contoso.com' = $empty }) -Confirm:$false }
Invoke-Case 'noAAD' ${q('healthy')} { Invoke-AADSyncKeyRecovery -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'recoveredWithInventory' ${q('healthy')} {
    $forests.Keys | ForEach-Object { [pscustomobject]@{ ConnectorName = $_; Credential = $forests[$_] } } | Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -Confirm:$false
}

# Failing steps stop the recovery where they are; a rerun with corrected input continues from there.
Invoke-Case 'wrongAD' ${q('wrongAD')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'fabrikam.com' = $wrong }) -Confirm:$false }
Invoke-Case 'wrongAD.journal' ${q('wrongAD')} { Get-AADSyncKeyRecoveryJournal -Unfinished | Where-Object { $_.JournalPath -like '*' } | Select-Object -First 1 }
Invoke-Case 'wrongAD.rerun' ${q('wrongAD')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'wrongAD.test' ${q('wrongAD')} { Test-AADSyncEncryptionKey }
Invoke-Case 'wrongGA' ${q('wrongGA')} { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'wrongGA.rerun' ${q('wrongGA')} { Invoke-AADSyncKeyRecovery -Resume -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'startFails' ${q('startFails')} { Connect-SimADSyncServer ${q('startFails')}; Set-SimFault -Command Start-Service -Mode fail -Message 'The service did not respond to the start or control request in a timely fashion.'; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false -TimeoutSeconds 5 }
Invoke-Case 'startFails.rerun' ${q('startFails')} { Connect-SimADSyncServer ${q('startFails')}; Clear-SimFault; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# The key made by the recovery is lost too before the rerun: only then is the key abandoned a second time.
Invoke-Case 'lostAgain.first' ${q('lostAgain')} { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
Connect-SimADSyncServer ${q('lostAgain')}
Start-Sleep -Milliseconds 50
Add-SimScenario -Scenario KeyLost
Invoke-Case 'lostAgain' ${q('lostAgain')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# Journals that cannot be trusted change nothing.
Invoke-Case 'corrupt.first' ${q('corrupt')} { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
$corruptJournal = (Get-AADSyncKeyRecoveryJournal -Unfinished | Where-Object { $_.JournalPath -like (${q('corrupt')} + '*') -or $true } | Where-Object ComputerName -eq 'AADC01' | Where-Object { (Get-Content -Raw $_.JournalPath) -like ('*' + ${q('corrupt')} + '*') }).JournalPath
Set-Content -LiteralPath $corruptJournal -Value '{ "format": "AADSyncKey.RecoveryJournal/1", "recoveryId": '
Invoke-Case 'corrupt' ${q('corrupt')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
$otherJournal = (Get-AADSyncKeyRecoveryJournal | Where-Object { (Get-Content -Raw $_.JournalPath) -like ('*' + ${q('wrongGA')} + '*') } | Select-Object -First 1).JournalPath
Invoke-Case 'mismatch' ${q('mismatch')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -JournalPath $otherJournal -Confirm:$false }

# A live holder: this test's own pwsh (another process than the core's session) holds the lock open, as a
# recovery in another window would, and its record names this test's node process.
$liveFolder = ${quotePowerShellLiteral(lockFolder('liveLock'))}
$null = New-Item -ItemType Directory -Path $liveFolder -Force
$held = [System.IO.File]::Open((Join-Path $liveFolder 'server.lock'), 'OpenOrCreate', 'ReadWrite', 'None')
Set-Content -LiteralPath (Join-Path $liveFolder 'server.lock.json') -Value ${quotePowerShellLiteral(holderRecord(process.pid, 'someone'))}
Invoke-Case 'liveLock' ${q('liveLock')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'liveLock.remove' ${q('liveLock')} { Remove-AADSyncEncryptionKey -Confirm:$false }
$held.Dispose()
# What a killed holder leaves: the lock file and its record, but no process holding it open.
$staleFolder = ${quotePowerShellLiteral(lockFolder('staleLock'))}
$null = New-Item -ItemType Directory -Path $staleFolder -Force
Set-Content -LiteralPath (Join-Path $staleFolder 'server.lock') -Value ''
Set-Content -LiteralPath (Join-Path $staleFolder 'server.lock.json') -Value ${quotePowerShellLiteral(holderRecord(2147480000, 'someone'))}
Invoke-Case 'staleLock' ${q('staleLock')} { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'audit' ${q('staleLock')} { Get-AADSyncKeyRecoveryJournal }
${CASES_JSON}`;
    outcomes = await runPwshJson<Record<string, CaseOutcome>>(script, {
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
