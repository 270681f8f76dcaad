# Starts the ADSync service if it is not running, waits for Running, looks for a new 6028 since the start, and
# unless told not to, runs a delta sync cycle and reports every run of it (by run id): a cycle runs several run
# profiles per connector, and is judged by the core. A cycle already running, or an engine that answers busy, is
# waited for, then the delta cycle is started.
param([int] $TimeoutSeconds = 120, [bool] $SkipSyncCycle = $false)

function Get-ServiceState {
    Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'"
}

$deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
$result = [ordered]@{
    startedNow = $false; serviceStatus = $null; exitCode = $null; serviceSpecificExitCode = $null; startError = $null
    keyEventsSinceStart = 0; syncCycle = 'Skipped'; connectors = @(); runResults = @(); connectorsWithoutRun = @(); runsUnfinished = 0
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
# ADSync's own 6028 only: other applications may log the same id.
$result.keyEventsSinceStart = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028; StartTime = $startedAt } -ErrorAction SilentlyContinue |
        Where-Object { @('ADSync', 'Directory Synchronization') -contains $_.ProviderName }).Count
if ($result.serviceStatus -ne 'Running' -or $SkipSyncCycle) { return [pscustomobject]$result }

# The proof is new runs, told apart by their run ids, not by comparing times: the run history is read before the
# cycle is asked for, and every connector must have a completed run that was not there before.
Write-Verbose 'Get-ADSyncConnector'
$connectors = @(Get-ADSyncConnector | Where-Object { $null -ne $_ })
$result.connectors = @($connectors | ForEach-Object { [ordered]@{ name = [string]$_.Name; identifier = [string]$_.Identifier; type = [string]$_.Type; subtype = [string]$_.Subtype } })
$connectorNames = @($connectors | ForEach-Object { [string]$_.Name })
Write-Verbose 'Get-ADSyncRunProfileResult -NumberRequested 500'
$before = @{}
foreach ($run in @(Get-ADSyncRunProfileResult -NumberRequested 500)) { if ($null -ne $run) { $before[[string]$run.RunHistoryId] = $true } }

# Busy answers (a cycle already running; field-reported "Connector: <name> - AAD is busy.") are retried until the deadline.
$busyPatterns = @('Sync is already running*', '*is busy*')
$started = $false
while (-not $started) {
    try {
        Write-Verbose 'Start-ADSyncSyncCycle -PolicyType Delta'
        $null = Start-ADSyncSyncCycle -PolicyType Delta -ErrorAction Stop
        $started = $true
    }
    catch {
        $message = $_.Exception.Message
        $busy = @($busyPatterns | Where-Object { $message -like $_ }).Count -gt 0
        if (-not $busy -or [datetime]::UtcNow -gt $deadline) { throw }
        Write-Verbose "The sync engine is busy ($message); trying again."
        Start-Sleep -Milliseconds 500
    }
}

function Get-NewRuns {
    @(Get-ADSyncRunProfileResult -NumberRequested 500 | Where-Object { $null -ne $_ -and -not $before.ContainsKey([string]$_.RunHistoryId) })
}

# Start-ADSyncSyncCycle returns before the cycle starts: wait until every connector has a new complete run, no new
# run is still going, and the scheduler says the cycle is over.
do {
    Start-Sleep -Milliseconds 250
    $inProgress = $true
    try { $inProgress = [bool](Get-ADSyncScheduler).SyncCycleInProgress } catch { Write-Verbose "Get-ADSyncScheduler failed: $($_.Exception.Message)"; $inProgress = $false }
    $newRuns = @(Get-NewRuns)
    $completeRuns = @($newRuns | Where-Object { Test-AADSyncKeyRunComplete $_ })
    $unfinished = $newRuns.Count - $completeRuns.Count
    $covered = @($connectorNames | Where-Object { $name = $_; @($completeRuns | Where-Object { [string]$_.ConnectorName -eq $name }).Count -gt 0 })
    $done = $covered.Count -eq $connectorNames.Count -and $unfinished -eq 0 -and -not $inProgress
} until ($done -or [datetime]::UtcNow -gt $deadline)

Write-Verbose 'Get-ADSyncRunProfileResult (the runs of this cycle)'
$result.runResults = @($completeRuns | ForEach-Object {
        [ordered]@{ connectorName = [string]$_.ConnectorName; runProfileName = [string]$_.RunProfileName; result = [string]$_.Result; runHistoryId = [string]$_.RunHistoryId }
    })
$result.runsUnfinished = $unfinished
$result.connectorsWithoutRun = @($connectorNames | Where-Object { $covered -notcontains $_ })
$result.syncCycle = if ($done) { 'Completed' } else { 'Incomplete' }
[pscustomobject]$result
