# Reads the server's record of the last key abandon (see Remove-EncryptionKey.ps1), first waiting up to
# -WaitSeconds for a miiskmu.exe /a that is still running, so the answer is what that abandon ended as.
param([int] $WaitSeconds = 0)


$recordPath = Join-Path (Get-AADSyncKeyServerFolder) 'abandon.json'
$record = Read-AADSyncKeyServerRecord -Path $recordPath
$deadline = [datetime]::UtcNow.AddSeconds($WaitSeconds)
while ((Test-AADSyncKeyAbandonRunning $record) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
[pscustomobject]@{ record = $record; stillRunning = (Test-AADSyncKeyAbandonRunning $record) }
