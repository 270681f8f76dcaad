# One administrator's recovery in a PowerShell of its own: the server is $env:AADSYNCKEY_SIMULATOR, the passwords
# arrive on standard input (see New-TestCredentialSet). Writes one JSON line: the outcome and the abandons, or the
# error's id and message.
# With -RerunWhen (the kill test, when the process that was killed is not this one): once that file exists, the
# same console runs the command again, as the administrator would, and writes one more JSON document: the first
# run's line (firstRun) and what Complete-TestKilledRecovery reports (see KilledRecovery.ps1).
param([string] $RerunWhen)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$set = New-TestCredentialSet (Read-TestSecret)
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$first = try {
    $result = Invoke-AADSyncKeyRecovery -AADCredential $set.GlobalAdmin -ConnectorCredential $set.Forests -Confirm:$false
    @{ outcome = [string]$result.Outcome; abandons = [int]$result.KeyAbandonCount } | ConvertTo-Json -Compress
}
catch {
    @{ errorId = $_.FullyQualifiedErrorId.Split(',')[0]; message = $_.Exception.Message } | ConvertTo-Json -Compress
}
$first
if ($RerunWhen) {
    while (-not (Test-Path -LiteralPath $RerunWhen)) { Start-Sleep -Milliseconds 50 }
    # A core the rerun starts is not watched by the kill test's preload module (a core that lived through the kill
    # still is, with nothing left to hold: the release file exists and the faults are cleared).
    Get-ChildItem -Path Env:AADSYNCKEY_TEST_*, Env:NODE_OPTIONS -ErrorAction SilentlyContinue | Remove-Item
    . (Join-Path $PSScriptRoot 'KilledRecovery.ps1')
    $report = Complete-TestKilledRecovery -Server $env:AADSYNCKEY_SIMULATOR -CredentialSet $set
    $report | Add-Member -NotePropertyName firstRun -NotePropertyValue $first
    $report | ConvertTo-Json -Depth 5 -Compress
}
