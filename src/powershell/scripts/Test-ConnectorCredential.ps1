# Tests a stored AD DS connector password the way the service itself would use it: one run of the connector's
# Delta Import run profile (Invoke-ADSyncRunProfile), a read-only import from AD, then its result from the run
# history. no-start-credentials means the account could not sign in with the stored password.
param([Parameter(Mandatory = $true)] [string] $ConnectorName, [int] $TimeoutSeconds = 120)

Write-Verbose "Get-ADSyncConnector -Name '$ConnectorName'"
$connector = Get-ADSyncConnector -Name $ConnectorName
Write-Verbose "Get-ADSyncRunProfileResult -ConnectorId '$($connector.Identifier)' -NumberRequested 1"
$before = @(Get-ADSyncRunProfileResult -ConnectorId $connector.Identifier -NumberRequested 1) | Select-Object -First 1
$beforeId = if ($null -ne $before) { [string]$before.RunHistoryId } else { '' }
Write-Verbose "Invoke-ADSyncRunProfile -ConnectorName '$ConnectorName' -RunProfileName 'Delta Import'"
$null = Invoke-ADSyncRunProfile -ConnectorName $ConnectorName -RunProfileName 'Delta Import'
# The run may be recorded after the cmdlet returns: wait for a run that was not there before, and has ended
# (IsRunComplete; a run still going is not a result).
$deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
do {
    $latest = @(Get-ADSyncRunProfileResult -ConnectorId $connector.Identifier -NumberRequested 1) | Select-Object -First 1
    $isNew = $null -ne $latest -and [string]$latest.RunHistoryId -ne $beforeId
    if ($isNew) { $isNew = Test-AADSyncKeyRunComplete $latest }
    if (-not $isNew) { Start-Sleep -Milliseconds 250 }
} until ($isNew -or [datetime]::UtcNow -gt $deadline)
[pscustomobject]@{
    ran = $isNew
    result = $(if ($isNew) { [string]$latest.Result } else { $null })
    runProfileName = $(if ($isNew) { [string]$latest.RunProfileName } else { $null })
}
