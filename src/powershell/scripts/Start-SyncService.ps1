# Starts the ADSync service if it is not running, waits for Running, looks for a new 6028 since the start, and
# unless told not to, runs a delta sync cycle and reports each connector's run. A cycle already running is waited
# for, then the delta cycle is started.
param([int] $TimeoutSeconds = 120, [bool] $SkipSyncCycle = $false)

function Get-ServiceState {
    Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
}

$deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
$result = [ordered]@{
    startedNow = $false; serviceStatus = $null; exitCode = $null; serviceSpecificExitCode = $null; startError = $null
    keyEventsSinceStart = 0; syncCycle = 'Skipped'; runResults = @()
}
$startedAt = [datetime]::UtcNow.AddSeconds(-1)
$service = Get-ServiceState
if ($null -eq $service) { throw 'The ADSync service is not installed.' }
if ([string]$service.State -ne 'Running') {
    Write-Verbose 'Start-Service -Name ADSync'
    $result.startedNow = $true
    $problem = $null
    # A failed start is a result to report, whether Start-Service writes its error or throws it.
    try { Start-Service -Name ADSync -ErrorAction SilentlyContinue -ErrorVariable problem }
    catch { $problem = @($_) }
    if ($problem) { $result.startError = [string]$problem[0].Exception.Message }
    while ([string](Get-ServiceState).State -ne 'Running' -and [datetime]::UtcNow -lt $deadline -and -not $problem) { Start-Sleep -Milliseconds 250 }
    $service = Get-ServiceState
}
$result.serviceStatus = [string]$service.State
$result.exitCode = [long]$service.ExitCode
$result.serviceSpecificExitCode = [long]$service.ServiceSpecificExitCode
Write-Verbose "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028; StartTime = '$($startedAt.ToString('o'))' }"
$result.keyEventsSinceStart = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028; StartTime = $startedAt } -ErrorAction SilentlyContinue).Count
if ($result.serviceStatus -ne 'Running' -or $SkipSyncCycle) { return [pscustomobject]$result }

$cycleStart = [datetime]::UtcNow.AddSeconds(-1)
$started = $false
while (-not $started) {
    try {
        Write-Verbose 'Start-ADSyncSyncCycle -PolicyType Delta'
        $null = Start-ADSyncSyncCycle -PolicyType Delta -ErrorAction Stop
        $started = $true
    }
    catch {
        if ($_.Exception.Message -notlike 'Sync is already running*' -or [datetime]::UtcNow -gt $deadline) { throw }
        Write-Verbose 'A sync cycle is already running; waiting for it to finish.'
        Start-Sleep -Milliseconds 500
    }
}
while ((Get-ADSyncScheduler).SyncCycleInProgress -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
Write-Verbose 'Get-ADSyncRunProfileResult'
$seen = @{}
$result.runResults = @(Get-ADSyncRunProfileResult -NumberRequested 200 | Where-Object { $_.StartDate -ge $cycleStart } | ForEach-Object {
        if (-not $seen.ContainsKey([string]$_.ConnectorName)) {
            $seen[[string]$_.ConnectorName] = $true
            [ordered]@{ connectorName = [string]$_.ConnectorName; result = [string]$_.Result }
        }
    })
$result.syncCycle = 'Completed'
[pscustomobject]$result
