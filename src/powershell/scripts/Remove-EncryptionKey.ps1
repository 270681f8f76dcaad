# Stops the ADSync service (miiskmu /a refuses while it runs) and abandons the key set with miiskmu.exe /a.
# The server keeps a record of the abandon (%ProgramData%\AADSyncKey\abandon.json: who, for which recovery, when,
# miiskmu's process id and what it said), written before /a starts and after it ends. A miiskmu /a started by a
# session that was ended may still be running: then this waits for it and does not start a second one, since a
# second abandon would throw away the key the first one lets the service make. /a runs with standard input closed
# and a time limit. Its exit codes are not documented: the core proves the abandon by what the service does next.
param(
    [int] $TimeoutSeconds = 60,
    [string] $RecoveryId = '',
    [string] $JournalPath = '',
    [string] $Operator = '',
    [string] $CoreHost = ''
)

function Get-ServiceState {
    Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
}


$recordPath = Join-Path (Get-AADSyncKeyServerFolder) 'abandon.json'
$result = [ordered]@{
    ran = $false; stoppedNow = $false; serviceStatus = $null; miiskmuPath = $null; exitCode = $null; output = ''; timedOut = $false
    earlier = $null; earlierStillRunning = $false; cycleRunning = $false
}

$earlier = Read-AADSyncKeyServerRecord -Path $recordPath
if (Test-AADSyncKeyAbandonRunning $earlier) {
    Write-Verbose "miiskmu.exe /a (process $($earlier.miiskmuPid), recovery '$($earlier.recoveryId)') is still running; waiting for it instead of starting another."
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ((Test-AADSyncKeyAbandonRunning $earlier) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
    $result.earlier = $earlier
    $result.earlierStillRunning = Test-AADSyncKeyAbandonRunning $earlier
    $result.serviceStatus = [string](Get-ServiceState).State
    return [pscustomobject]$result
}

$service = Get-ServiceState
if ($null -eq $service) { throw 'The ADSync service is not installed.' }
if ([string]$service.State -eq 'Running') {
    $result.cycleRunning = (Wait-AADSyncKeySyncCycleEnd -TimeoutSeconds $TimeoutSeconds).cycleRunning
    if ($result.cycleRunning) { $result.serviceStatus = [string]$service.State; return [pscustomobject]$result }
}
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

$record = [ordered]@{
    state = 'InFlight'; recoveryId = $RecoveryId; journalPath = $JournalPath; operator = $Operator; coreHost = $CoreHost
    sessionPid = $PID; miiskmuPid = $null; startedAt = [datetime]::UtcNow.ToString('o'); endedAt = $null; exitCode = $null; output = ''
}
Write-AADSyncKeyServerRecord -Path $recordPath -Record $record

Write-Verbose "& '$miiskmu' /a"
$process = Start-AADSyncKeyMiiskmu -Path $miiskmu -Arguments @('/a')
try {
    # Nothing to answer: a prompt must not wait for a console that is not there.
    $process.StandardInput.Close()
    $record.miiskmuPid = $process.Id
    Write-AADSyncKeyServerRecord -Path $recordPath -Record $record
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        Write-Verbose "miiskmu.exe /a did not finish within $TimeoutSeconds s; ending it."
        $result.timedOut = $true
        if ($PSVersionTable.PSEdition -eq 'Core') { $process.Kill($true) } else { $process.Kill() }
        $process.WaitForExit()
    }
    $result.ran = $true
    $result.exitCode = $process.ExitCode
    $result.output = (($stdout.Result + $stderr.Result) -replace "`r", '').Trim()
}
finally { $process.Dispose() }

$record.state = if ($result.timedOut) { 'TimedOut' } elseif ($result.exitCode -eq 0) { 'Done' } else { 'Failed' }
$record.exitCode = $result.exitCode
$record.endedAt = [datetime]::UtcNow.ToString('o')
$record.output = if ($result.output.Length -gt 500) { $result.output.Substring(0, 500) } else { $result.output }
Write-AADSyncKeyServerRecord -Path $recordPath -Record $record
[pscustomobject]$result
