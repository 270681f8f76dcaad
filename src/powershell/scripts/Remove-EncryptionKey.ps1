# Stops the ADSync service (miiskmu /a refuses while it runs), abandons the key set with miiskmu.exe /a, then reads
# the key state back with miiskmu.exe /c: the tool's exit codes are not documented, so the check is the proof.
param([int] $TimeoutSeconds = 60)

function Get-ServiceState {
    Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
}

$result = [ordered]@{
    stoppedNow = $false; serviceStatus = $null; miiskmuPath = $null
    abandonExitCode = $null; abandonOutput = ''; checkExitCode = $null; checkOutput = ''
}
$service = Get-ServiceState
if ($null -eq $service) { throw 'The ADSync service is not installed.' }
if ([string]$service.State -ne 'Stopped') {
    Write-Verbose 'Stop-Service -Name ADSync -Force'
    Stop-Service -Name ADSync -Force
    $result.stoppedNow = $true
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([string](Get-ServiceState).State -ne 'Stopped' -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
}
$result.serviceStatus = [string](Get-ServiceState).State
if ($result.serviceStatus -ne 'Stopped') { return [pscustomobject]$result }

Write-Verbose "Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -Name Location"
$location = [string](Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -Name Location).Location
$miiskmu = Join-Path (Join-Path $location 'Bin') 'miiskmu.exe'
$result.miiskmuPath = $miiskmu
Write-Verbose "& '$miiskmu' /a"
$result.abandonOutput = ((& $miiskmu /a 2>&1) | ForEach-Object { [string]$_ }) -join "`n"
$result.abandonExitCode = $LASTEXITCODE
Write-Verbose "& '$miiskmu' /c"
$result.checkOutput = ((& $miiskmu /c 2>&1) | ForEach-Object { [string]$_ }) -join "`n"
$result.checkExitCode = $LASTEXITCODE
[pscustomobject]$result
