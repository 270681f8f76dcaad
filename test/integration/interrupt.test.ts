import { expect } from 'chai';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { MODULE_MANIFEST, runPwshJson, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';
import { NEW_TEST_CREDENTIAL } from '../helpers/ps-cases.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// Ctrl+C in the middle of a recovery: a nested PowerShell stopped as the console's Ctrl+C stops a pipeline. The
// administrator must be told what was left and how to continue, and the rerun must continue with one abandon.
describe('a recovery interrupted with Ctrl+C (real pwsh)', function () {
  this.timeout(180_000);
  let root: string;
  let facts: { repeats: number; state: string; warnings: string[]; rerun: string; abandons: number };

  before(async () => {
    root = makeTempDir();
    const data = join(root, 'data');
    facts = await runPwshJson(`$secrets = @([Console]::In.ReadToEnd() -split "\`n")
${NEW_TEST_CREDENTIAL}
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\\MSOL_c' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
Import-Module ${quotePowerShellLiteral(SIMULATOR_MANIFEST)}
$null = New-SimADSyncServer -Path ${quotePowerShellLiteral(join(root, 'server'))} -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
Set-SimFault -Command Add-ADSyncConnector -Mode slow -DelayMs 4000
$env:AADSYNCKEY_SIMULATOR = ${quotePowerShellLiteral(join(root, 'server'))}
$env:AADSYNCKEY_DATA_DIR = ${quotePowerShellLiteral(data)}
$ps = [powershell]::Create()
$null = $ps.AddScript({ param($Manifest, $A, $C) Import-Module $Manifest; Invoke-AADSyncKeyRecovery -AADCredential $A -ConnectorCredential $C -Confirm:$false }).AddArgument(${quotePowerShellLiteral(MODULE_MANIFEST)}).AddArgument($globalAdmin).AddArgument($forests)
$null = $ps.BeginInvoke()
$deadline = [datetime]::UtcNow.AddSeconds(90)
while ([datetime]::UtcNow -lt $deadline) {
    $journal = Get-ChildItem -LiteralPath ${quotePowerShellLiteral(join(data, 'journals'))} -Recurse -Filter '*.json' -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($journal -and ((Get-Content -Raw -LiteralPath $journal.FullName | ConvertFrom-Json).steps | Where-Object { $_.id -eq 'connector:contoso.com' -and $_.status -eq 'Running' })) { break }
    Start-Sleep -Milliseconds 200
}
# The step runs 4 s: its progress record must be said again meanwhile (a host that skipped a drawing catches up).
Start-Sleep -Milliseconds 2500
$repeats = @($ps.Streams.Progress | Where-Object { $_.CurrentOperation -eq "Connector 'contoso.com'" }).Count
$ps.Stop()
$state = [string]$ps.InvocationStateInfo.State
$warnings = @($ps.Streams.Warning | ForEach-Object { $_.Message })
$ps.Dispose()
Clear-SimFault
Import-Module ${quotePowerShellLiteral(MODULE_MANIFEST)}
$rerun = [string](Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false).Outcome
@{ repeats = $repeats; state = $state; warnings = $warnings; rerun = $rerun; abandons = [int](Get-SimADSyncState).key['abandonCount'] } | ConvertTo-Json`, { stdin: ['Contoso-Pw-1!', 'GlobalAdmin-Pw-2!'].join('\n'), timeoutMs: 170_000 });
  });
  after(() => removeTempDir(root));

  it('keeps saying which step runs while a long step runs', () => {
    expect(facts.repeats).to.be.at.least(2);
  });

  it('says what was left and how to continue, and the rerun continues with one abandon', () => {
    expect(facts.state).to.equal('Stopped');
    expect(facts.warnings.join('\n')).to.include('The recovery was interrupted').and.include('run Invoke-AADSyncKeyRecovery again to continue');
    expect(facts.rerun).to.equal('Succeeded');
    expect(facts.abandons).to.equal(1);
  });
});
