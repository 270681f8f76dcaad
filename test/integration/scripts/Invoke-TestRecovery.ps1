# One administrator's recovery in a PowerShell of its own: the server is $env:AADSYNCKEY_SIMULATOR, the passwords
# arrive on standard input (see New-TestCredentialSet). Writes one JSON line: the outcome and the abandons, or the
# error's id and message.
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$set = New-TestCredentialSet (Read-TestSecret)
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
try {
    $result = Invoke-AADSyncKeyRecovery -AADCredential $set.GlobalAdmin -ConnectorCredential $set.Forests -Confirm:$false
    @{ outcome = [string]$result.Outcome; abandons = [int]$result.KeyAbandonCount } | ConvertTo-Json -Compress
}
catch {
    @{ errorId = $_.FullyQualifiedErrorId.Split(',')[0]; message = $_.Exception.Message } | ConvertTo-Json -Compress
}
