# KilledRecovery.ps1: dot-sourced by the kill test's scripts (Invoke-TestRecovery.ps1 -RerunWhen,
# Complete-KilledRecovery.ps1). Complete-TestKilledRecovery clears the server's faults, runs the administrator's
# command again when a journal is unfinished, and reports what the server and the journal say.
function Complete-TestKilledRecovery {
    param([Parameter(Mandatory = $true)] [string] $Server, [Parameter(Mandatory = $true)] $CredentialSet)
    Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
    Connect-SimADSyncServer -Path $Server
    Clear-SimFault
    $env:AADSYNCKEY_SIMULATOR = $Server
    Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
    $rerun = @{ ran = $false; outcome = $null; errorId = $null; message = $null }
    if (@(Get-AADSyncKeyRecoveryJournal -Unfinished).Count -gt 0) {
        $rerun.ran = $true
        try { $rerun.outcome = [string](Invoke-AADSyncKeyRecovery -AADCredential $CredentialSet.GlobalAdmin -ConnectorCredential $CredentialSet.Forests -Confirm:$false).Outcome }
        catch { $rerun.errorId = $_.FullyQualifiedErrorId.Split(',')[0]; $rerun.message = $_.Exception.Message }
    }
    $state = Get-SimADSyncState
    $unreadable = @($state.connectors | Where-Object { $null -eq $_.credential -or [int]$_.credential.keyGeneration -ne [int]$state.key.generation } | ForEach-Object { $_.name })
    $journal = @(Get-AADSyncKeyRecoveryJournal)[0]
    $diagnosis = Test-AADSyncEncryptionKey -Detailed
    [pscustomobject]@{
        rerun                 = $rerun
        testKey               = [bool](Test-AADSyncEncryptionKey)
        healthy               = ($diagnosis.Status -eq 'Healthy')
        serviceStatus         = $state.service.status
        abandonCount          = [int]$state.key['abandonCount']
        unreadableCredentials = $unreadable
        journalOutcome        = $(if ($journal) { [string]$journal.Outcome } else { $null })
        journalAbandonCount   = $(if ($journal) { [int]$journal.KeyAbandonCount } else { -1 })
    }
}
