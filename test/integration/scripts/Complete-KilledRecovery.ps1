# After a kill in test/integration/recovery-kill.test.ts: clears the server's faults, runs the administrator's
# command again when a journal is unfinished, and reports what the server and the journal say. The server is
# -Server; the passwords arrive on standard input (see New-TestCredentialSet).
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$set = New-TestCredentialSet (Read-TestSecret)
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Connect-SimADSyncServer -Path $Server
Clear-SimFault
$env:AADSYNCKEY_SIMULATOR = $Server
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$rerun = @{ ran = $false; outcome = $null; errorId = $null; message = $null }
if (@(Get-AADSyncKeyRecoveryJournal -Unfinished).Count -gt 0) {
    $rerun.ran = $true
    try { $rerun.outcome = [string](Invoke-AADSyncKeyRecovery -AADCredential $set.GlobalAdmin -ConnectorCredential $set.Forests -Confirm:$false).Outcome }
    catch { $rerun.errorId = $_.FullyQualifiedErrorId.Split(',')[0]; $rerun.message = $_.Exception.Message }
}
$state = Get-SimADSyncState
$unreadable = @($state.connectors | Where-Object { $null -eq $_.credential -or [int]$_.credential.keyGeneration -ne [int]$state.key.generation } | ForEach-Object { $_.name })
$journal = @(Get-AADSyncKeyRecoveryJournal)[0]
[pscustomobject]@{
    rerun                 = $rerun
    testKey               = [bool](Test-AADSyncEncryptionKey)
    healthy               = ((Test-AADSyncEncryptionKey -Detailed).Status -eq 'Healthy')
    serviceStatus         = $state.service.status
    abandonCount          = [int]$state.key['abandonCount']
    unreadableCredentials = $unreadable
    journalOutcome        = $(if ($journal) { [string]$journal.Outcome } else { $null })
    journalAbandonCount   = $(if ($journal) { [int]$journal.KeyAbandonCount } else { -1 })
} | ConvertTo-Json -Depth 5
