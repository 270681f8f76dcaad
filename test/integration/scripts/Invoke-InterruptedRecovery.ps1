# Ctrl+C in the middle of a recovery (test/integration/interrupt.test.ts): a nested PowerShell runs the recovery
# and is stopped as the console's Ctrl+C stops a pipeline, while a slow step runs; then the administrator runs the
# command again. The servers live under -Root; the passwords arrive on standard input: the connector account of
# contoso.com, then the Global Administrator.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$secrets = Read-TestSecret
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_c' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
$manifest = Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1'
$server = Join-Path $Root 'server'
$data = Join-Path $Root 'data'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$null = New-SimADSyncServer -Path $server -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
Set-SimFault -Command Add-ADSyncConnector -Mode slow -DelayMs 4000
$env:AADSYNCKEY_SIMULATOR = $server
$env:AADSYNCKEY_DATA_DIR = $data
$ps = [powershell]::Create()
$null = $ps.AddScript({ param($Manifest, $A, $C) Import-Module $Manifest; Invoke-AADSyncKeyRecovery -AADCredential $A -ConnectorCredential $C -Confirm:$false }).AddArgument($manifest).AddArgument($globalAdmin).AddArgument($forests)
$null = $ps.BeginInvoke()
$deadline = [datetime]::UtcNow.AddSeconds(90)
while ([datetime]::UtcNow -lt $deadline) {
    $journal = Get-ChildItem -LiteralPath (Join-Path $data 'journals') -Recurse -Filter '*.json' -ErrorAction SilentlyContinue | Select-Object -First 1
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
Import-Module $manifest
$rerun = [string](Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false).Outcome
@{ repeats = $repeats; state = $state; warnings = $warnings; rerun = $rerun; abandons = [int](Get-SimADSyncState).key['abandonCount'] } | ConvertTo-Json
