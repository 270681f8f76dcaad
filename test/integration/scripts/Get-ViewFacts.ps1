# The objects of test/integration/views.test.ts, in one pwsh: every output type the module writes, with what its
# default view shows and what it has, the reports and the audit events of a recovery. Servers live under -Root; the
# passwords arrive on standard input: the connector account of contoso.com, then the Global Administrator.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$secrets = @([Console]::In.ReadToEnd() -split "`n")
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_c' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
$wrongAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$null = New-SimADSyncServer -Path (Join-Path $Root 'server') -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
$env:AADSYNCKEY_SIMULATOR = (Join-Path $Root 'server')
$env:AADSYNCKEY_DATA_DIR = (Join-Path $Root 'data')
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
$objects.Add((Backup-AADSyncEncryptionKey -Path (Join-Path $Root 'key.bin') -Confirm:$false))
$missing = [ordered]@{}
$checked = New-Object System.Collections.Generic.List[string]
foreach ($object in $objects) {
    $typeName = $object.PSObject.TypeNames[0]
    $format = Get-FormatData -TypeName $typeName
    if ($null -eq $format) { continue }
    $checked.Add($typeName)
    $labels = @($format.FormatViewDefinition | ForEach-Object { $_.Control.Headers.Label; $_.Control.Entries.Items.DisplayEntry.Value; $_.Control.Entries.Items.Label } | Where-Object { $_ -and $_ -notmatch '[\s$]' } | Select-Object -Unique)
    $names = @($object.PSObject.Properties.Name)
    $missing[$typeName] = @($labels | Where-Object { $names -notcontains $_ })
}
$report = [ordered]@{}
$null = Export-AADSyncKeyRecoveryReport -RecoveryId $journal.RecoveryId -Path (Join-Path $Root 'report.md') -Confirm:$false
$null = $journal | Export-AADSyncKeyRecoveryReport -Path (Join-Path $Root 'report.html') -Confirm:$false
$report.markdown = Get-Content -Raw -LiteralPath (Join-Path $Root 'report.md')
$report.html = Get-Content -Raw -LiteralPath (Join-Path $Root 'report.html')
$report.again = try { Export-AADSyncKeyRecoveryReport -RecoveryId $journal.RecoveryId -Path (Join-Path $Root 'report.md') -Confirm:$false; 'written' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
Connect-SimADSyncServer -Path (Join-Path $Root 'server')
$audit = @((Get-SimADSyncState).events | Where-Object { $_.providerName -eq 'AADSyncKey' } | ForEach-Object { [pscustomobject]@{ id = [int]$_.id; message = [string]$_.message } })
$null = New-SimADSyncServer -Path (Join-Path $Root 'noSource') -Scenario KeyLost
Set-SimCapability -Name EventSourceRegistration -Present $false
$env:AADSYNCKEY_SIMULATOR = (Join-Path $Root 'noSource')
$auditWarnings = @(Remove-AADSyncEncryptionKey -Confirm:$false 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
$nested = @(@($result.Steps)[0], @($journal.Events)[0], @($stateBefore.Events)[0], @((Test-AADSyncEncryptionKey -Detailed).Preflight)[0]) | Where-Object { $null -ne $_ } | ForEach-Object { $_.PSObject.TypeNames[0] }
[pscustomobject]@{ audit = $audit; auditWarnings = $auditWarnings; report = $report; journalType = [string]$journal.PSObject.TypeNames[0]; missing = $missing; checkedTypes = $checked.ToArray(); nestedTypes = @($nested); resumedAgree = @{ result = [bool]$result.Resumed; listing = [bool]$journal.Resumed } } | ConvertTo-Json -Depth 5
