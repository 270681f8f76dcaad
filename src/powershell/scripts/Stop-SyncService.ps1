# Stops the ADSync service (step 1 of the runbook) and waits until Get-Service reads it as Stopped. A sync cycle
# that is running is waited for first, within the time limit, as Microsoft's step 1 says ("If it is, wait until
# it completes and then stop it"); one still running at the limit leaves the service running, and says so.
param([int] $TimeoutSeconds = 60)

$service = Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
if ($null -eq $service) { throw 'The ADSync service is not installed.' }
$deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
$stoppedNow = $false
$cycleRunning = $false
$waitedSeconds = 0
if ([string]$service.State -eq 'Running') {
    $cycle = Wait-AADSyncKeySyncCycleEnd -TimeoutSeconds $TimeoutSeconds
    $waitedSeconds = $cycle.waitedSeconds
    if ($cycle.cycleRunning) { return [pscustomobject]@{ stoppedNow = $false; serviceStatus = [string]$service.State; cycleRunning = $true; waitedSeconds = $waitedSeconds } }
}
if ([string]$service.State -ne 'Stopped') {
    Write-Verbose 'Stop-Service -Name ADSync -Force'
    Stop-Service -Name ADSync -Force
    $stoppedNow = $true
}
Write-Verbose 'Get-Service -Name ADSync'
$status = [string](Get-Service -Name ADSync).Status
while ($status -ne 'Stopped' -and [datetime]::UtcNow -lt $deadline) {
    Start-Sleep -Milliseconds 250
    $status = [string](Get-Service -Name ADSync).Status
}
[pscustomobject]@{ stoppedNow = $stoppedNow; serviceStatus = $status; cycleRunning = $false; waitedSeconds = $waitedSeconds }
