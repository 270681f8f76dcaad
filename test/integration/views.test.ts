import { expect } from 'chai';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { MODULE_MANIFEST, runPwshJson, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';
import { NEW_TEST_CREDENTIAL } from '../helpers/ps-cases.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface ViewFacts {
  /** Type name -> the labels of its view that are no property of a real object of that type. */
  readonly missing: Record<string, string[]>;
  readonly checkedTypes: string[];
  readonly nestedTypes: string[];
  readonly resumedAgree: { result: boolean; listing: boolean };
  readonly journalType: string;
  readonly report: { markdown: string; html: string; again: string };
  readonly audit: Array<{ id: number; message: string }>;
  readonly auditWarnings: string[];
}

// Every column of every default view is a property of the objects it shows (Format-List <label> works), nested
// objects are typed, and the journal listing says what the result said.
describe('views and types of the output (real pwsh)', function () {
  this.timeout(240_000);
  let root: string;
  let facts: ViewFacts;

  before(async () => {
    root = makeTempDir();
    facts = await runPwshJson<ViewFacts>(`$secrets = @([Console]::In.ReadToEnd() -split "\`n")
${NEW_TEST_CREDENTIAL}
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\\MSOL_c' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
$wrongAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
Import-Module ${quotePowerShellLiteral(SIMULATOR_MANIFEST)}
Import-Module ${quotePowerShellLiteral(MODULE_MANIFEST)}
$null = New-SimADSyncServer -Path ${quotePowerShellLiteral(join(root, 'server'))} -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
$env:AADSYNCKEY_SIMULATOR = ${quotePowerShellLiteral(join(root, 'server'))}
$env:AADSYNCKEY_DATA_DIR = ${quotePowerShellLiteral(join(root, 'data'))}
$objects = New-Object System.Collections.Generic.List[object]
$stateBefore = Get-AADSyncServerState
$objects.Add((Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -WhatIf))
try { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false } catch { $null = $_ }
$result = Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false
$objects.Add($result)
$journal = @(Get-AADSyncKeyRecoveryJournal)[0]
$objects.Add($journal)
$objects.Add((Get-AADSyncServerState))
$objects.Add((Test-AADSyncEncryptionKey -Detailed))
foreach ($c in Get-AADSyncConnector) { $objects.Add($c) }
$objects.Add((Start-AADSyncService -Confirm:$false -PassThru))
$objects.Add((Backup-AADSyncEncryptionKey -Path ${quotePowerShellLiteral(join(root, 'key.bin'))} -Confirm:$false))
$missing = [ordered]@{}
$checked = New-Object System.Collections.Generic.List[string]
foreach ($object in $objects) {
    $typeName = $object.PSObject.TypeNames[0]
    $format = Get-FormatData -TypeName $typeName
    if ($null -eq $format) { continue }
    $checked.Add($typeName)
    $labels = @($format.FormatViewDefinition | ForEach-Object { $_.Control.Headers.Label; $_.Control.Entries.Items.DisplayEntry.Value; $_.Control.Entries.Items.Label } | Where-Object { $_ -and $_ -notmatch '[\\s$]' } | Select-Object -Unique)
    $names = @($object.PSObject.Properties.Name)
    $missing[$typeName] = @($labels | Where-Object { $names -notcontains $_ })
}
$report = [ordered]@{}
$null = Export-AADSyncKeyRecoveryReport -RecoveryId $journal.RecoveryId -Path ${quotePowerShellLiteral(join(root, 'report.md'))} -Confirm:$false
$null = $journal | Export-AADSyncKeyRecoveryReport -Path ${quotePowerShellLiteral(join(root, 'report.html'))} -Confirm:$false
$report.markdown = Get-Content -Raw -LiteralPath ${quotePowerShellLiteral(join(root, 'report.md'))}
$report.html = Get-Content -Raw -LiteralPath ${quotePowerShellLiteral(join(root, 'report.html'))}
$report.again = try { Export-AADSyncKeyRecoveryReport -RecoveryId $journal.RecoveryId -Path ${quotePowerShellLiteral(join(root, 'report.md'))} -Confirm:$false; 'written' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
Connect-SimADSyncServer -Path ${quotePowerShellLiteral(join(root, 'server'))}
$audit = @((Get-SimADSyncState).events | Where-Object { $_.providerName -eq 'AADSyncKey' } | ForEach-Object { [pscustomobject]@{ id = [int]$_.id; message = [string]$_.message } })
$null = New-SimADSyncServer -Path ${quotePowerShellLiteral(join(root, 'noSource'))} -Scenario KeyLost
Set-SimCapability -Name EventSourceRegistration -Present $false
$env:AADSYNCKEY_SIMULATOR = ${quotePowerShellLiteral(join(root, 'noSource'))}
$auditWarnings = @(Remove-AADSyncEncryptionKey -Confirm:$false 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
$nested = @(@($result.Steps)[0], @($journal.Events)[0], @($stateBefore.Events)[0], @((Test-AADSyncEncryptionKey -Detailed).Preflight)[0]) | Where-Object { $null -ne $_ } | ForEach-Object { $_.PSObject.TypeNames[0] }
[pscustomobject]@{ audit = $audit; auditWarnings = $auditWarnings; report = $report; journalType = [string]$journal.PSObject.TypeNames[0]; missing = $missing; checkedTypes = $checked.ToArray(); nestedTypes = @($nested); resumedAgree = @{ result = [bool]$result.Resumed; listing = [bool]$journal.Resumed } } | ConvertTo-Json -Depth 5`, { stdin: ['Contoso-Pw-1!', 'GlobalAdmin-Pw-2!'].join('\n'), timeoutMs: 220_000 });
  });
  after(() => removeTempDir(root));

  it('shows in every view only columns that are properties of the object (Format-List <column> works)', () => {
    expect(facts.journalType).to.equal('AADSyncKey.RecoveryJournal');
    expect(facts.checkedTypes).to.include.members(['AADSyncKey.RecoveryPlan', 'AADSyncKey.RecoveryResult', 'AADSyncKey.RecoveryJournal', 'AADSyncKey.ServerState', 'AADSyncKey.Diagnosis', 'AADSyncKey.Connector', 'AADSyncKey.ServiceVerification', 'AADSyncKey.KeyBackup']);
    for (const [typeName, labels] of Object.entries(facts.missing)) expect(labels, typeName).to.deep.equal([]);
  });

  it('types the nested objects: steps, journal events, server events, preflight checks', () => {
    expect(facts.nestedTypes).to.deep.equal(['AADSyncKey.RecoveryStep', 'AADSyncKey.JournalEvent', 'AADSyncKey.Event', 'AADSyncKey.PreflightCheck']);
  });

  it('renders a journal as a Markdown or HTML report with steps, proofs, times and the operator, and no secret', () => {
    expect(facts.report.markdown).to.match(/^# Key recovery \S+ of AADC01/).and.include('| verify-sync | Done |').and.include('**Started by:**').and.include('## Audit trail');
    expect(facts.report.html).to.include('<table>').and.include('<td>abandon-key</td>').and.include('recovery resumed');
    expect(facts.report.markdown + facts.report.html).not.to.include('Pw-');
    expect(facts.report.again).to.equal('FileExists');
  });

  it('writes an audit event to the Application log for every change: start and end, the abandon, each credential, the Azure AD reset', () => {
    const ids = facts.audit.map((e) => e.id);
    expect(ids.filter((id) => id === 1000)).to.have.length(2);
    expect(ids.filter((id) => id === 1001)).to.have.length(2);
    expect(ids.filter((id) => id === 1010)).to.have.length(1);
    expect(ids).to.include(1020).and.include(1030);
    expect(facts.audit.every((e) => e.message.includes('Operator:'))).to.equal(true);
    expect(JSON.stringify(facts.audit)).not.to.include('Pw-');
  });

  it('says so when the event source cannot be registered, and still does the change', () => {
    expect(facts.auditWarnings.join('\n')).to.include('audit event 1010 was not written').and.include('could not be used');
  });

  it('agrees with the result on whether a recovery was resumed', () => {
    expect(facts.resumedAgree).to.deep.equal({ result: true, listing: true });
  });
});
