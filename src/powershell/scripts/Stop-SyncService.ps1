# Stops the ADSync service (step 1 of the runbook) and waits until Get-Service reads it as Stopped.
param([int] $TimeoutSeconds = 60)

$service = Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
if ($null -eq $service) { throw 'The ADSync service is not installed.' }
$stoppedNow = $false
if ([string]$service.State -ne 'Stopped') {
    Write-Verbose 'Stop-Service -Name ADSync -Force'
    Stop-Service -Name ADSync -Force
    $stoppedNow = $true
}
$deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
Write-Verbose 'Get-Service -Name ADSync'
$status = [string](Get-Service -Name ADSync).Status
while ($status -ne 'Stopped' -and [datetime]::UtcNow -lt $deadline) {
    Start-Sleep -Milliseconds 250
    $status = [string](Get-Service -Name ADSync).Status
}
[pscustomobject]@{ stoppedNow = $stoppedNow; serviceStatus = $status }
