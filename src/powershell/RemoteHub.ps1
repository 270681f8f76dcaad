# RemoteHub.ps1: one PowerShell process holding the PSSessions to any number of servers. Dot-sourced by
# SessionHost.ps1; the core's hub session (src/session/remote-hub.ts) calls it through Invoke-RemoteRound.ps1.
#
# The core sends rounds. A round may open PSSessions (in parallel: one New-PSSession per set of connection options,
# with all of its names), starts each request as an Invoke-Command -AsJob on its server's PSSession, and returns as
# soon as any running request has an answer, one has passed its time limit, or the round's wait is up: requests
# keep running between rounds, so the servers are read side by side while the core hears each answer when it comes.
# Each request's answer, error and time limit are its own; a session is removed only when its own request failed
# with it (broken, or stopped at its time limit) or when the core closes it.
# Windows PowerShell 5.1 must be able to run this file: no 7-only syntax.

# The hub's state: open PSSessions by the core's key, and running requests by ticket (global, as the lock is,
# because a session script's own script scope is not this file's).
$global:AADSyncKeyHub = @{ Sessions = @{}; Running = @{} }
function Get-AADSyncKeyHub { $global:AADSyncKeyHub }

# An object read from JSON as a hashtable, whose names match in any case and whose missing names, read with an
# index, are $null (the requests run under StrictMode, where a missing property is an error).
function ConvertTo-AADSyncKeyHubTable {
    param($Object)
    $table = @{}
    if ($null -ne $Object) { foreach ($property in $Object.PSObject.Properties) { $table[$property.Name] = $property.Value } }
    $table
}

# Ends a server's PSSession and whatever it still runs.
function Remove-AADSyncKeyHubSession {
    param([Parameter(Mandatory = $true)] [string] $Key)
    $hub = Get-AADSyncKeyHub
    foreach ($ticket in @($hub.Running.Keys)) {
        $running = $hub.Running[$ticket]
        if ($running.Key -eq $Key) {
            Stop-Job -Job $running.Job -ErrorAction SilentlyContinue
            Remove-Job -Job $running.Job -Force -ErrorAction SilentlyContinue
            $hub.Running.Remove($ticket)
        }
    }
    $session = $hub.Sessions[$Key]
    $hub.Sessions.Remove($Key)
    if ($null -ne $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
}

# Opens the PSSessions of the given connect requests, one New-PSSession per set of options with all of its names
# (New-PSSession opens them side by side, up to -ThrottleLimit). Returns the answer lines of those that failed.
function Open-AADSyncKeyHubSessions {
    param([object[]] $Requests, [int] $ThrottleLimit)
    $hub = Get-AADSyncKeyHub
    $failed = New-Object System.Collections.Generic.List[object]
    $groups = [ordered]@{}
    foreach ($request in $Requests) {
        $options = [ordered]@{}
        foreach ($name in @($request['connection'].Keys | Sort-Object)) {
            if ($name -ne 'ComputerName') { $options[$name] = $request.connection[$name] }
        }
        $groupKey = ConvertTo-Json -InputObject $options -Depth 5 -Compress
        if (-not $groups.Contains($groupKey)) { $groups[$groupKey] = New-Object System.Collections.Generic.List[object] }
        $groups[$groupKey].Add($request)
    }
    foreach ($group in $groups.Values) {
        $first = $group[0]['connection']
        $arguments = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = '+openErrors' }
        $names = @($group | ForEach-Object { [string]$_['connection']['ComputerName'] })
        if ($first['Transport'] -eq 'SSH') {
            $arguments.HostName = $names
            if ($first['UserName']) { $arguments.UserName = [string]$first['UserName'] }
            if ($first['KeyFilePath']) { $arguments.KeyFilePath = [string]$first['KeyFilePath'] }
            if ($null -ne $first['Options']) {
                $table = @{}
                foreach ($property in $first['Options'].PSObject.Properties) { $table[$property.Name] = [string]$property.Value }
                if ($table.Count -gt 0) { $arguments.Options = $table }
            }
            # New-PSSession waits this long for an SSH connection (PowerShell 7.2 and later have the parameter).
            if ((Get-Command New-PSSession).Parameters.ContainsKey('ConnectingTimeout')) { $arguments.ConnectingTimeout = 30000 }
        }
        else {
            $arguments.ComputerName = $names
            # (Over SSH, New-PSSession opens its names side by side and has no -ThrottleLimit.)
            $arguments.ThrottleLimit = [Math]::Max(1, $ThrottleLimit)
            if ($first['UseSSL']) { $arguments.UseSSL = $true }
            if ($first['Authentication']) { $arguments.Authentication = [string]$first['Authentication'] }
        }
        if ([int]$first['Port'] -gt 0) { $arguments.Port = [int]$first['Port'] }
        if ($first['ConfigurationName']) { $arguments.ConfigurationName = [string]$first['ConfigurationName'] }
        $openErrors = @()
        Write-Verbose "New-PSSession to $($names -join ', ') over $($first['Transport'])"
        $opened = @(New-PSSession @arguments)
        # A session is matched to its request by the name it was opened with (PowerShell keeps it as given).
        $byName = @{}
        foreach ($session in $opened) { $byName[[string]$session.ComputerName] = $session }
        foreach ($request in $group) {
            $name = [string]$request.connection['ComputerName']
            if ($byName.ContainsKey($name)) {
                $hub.Sessions[[string]$request['key']] = $byName[$name]
                $byName.Remove($name)
                continue
            }
            $reason = @($openErrors | Where-Object { $null -ne $_.TargetObject -and $null -ne $_.TargetObject.PSObject.Properties['ConnectionInfo'] -and [string]$_.TargetObject.ConnectionInfo.ComputerName -eq $name } | ForEach-Object { $_.Exception.Message }) | Select-Object -First 1
            if ($null -eq $reason) { $reason = 'no session was opened' }
            $failed.Add(@{ ticket = $request['ticket']; line = (New-AADSyncKeyRemoteFailureLine -ErrorId 'RemoteConnectionFailed' -Message "Connecting to $name over $($first['Transport']) failed: $reason" -Target $name) })
        }
        # Sessions that match no request (a name PowerShell spelled otherwise) are not kept open.
        foreach ($left in $byName.Values) { Remove-PSSession -Session $left -ErrorAction SilentlyContinue }
    }
    $failed
}

# The answer of a finished request job: its envelope line, or (Lost) a failure line when the session broke under it.
function Receive-AADSyncKeyHubAnswer {
    param([Parameter(Mandatory = $true)] $Running)
    $job = $Running.Job
    $session = (Get-AADSyncKeyHub).Sessions[$Running.Key]
    $computerName = if ($null -ne $session) { [string]$session.ComputerName } else { $Running.ComputerName }
    $answer = @()
    $failure = $null
    try { $answer = @(Receive-Job -Job $job -ErrorAction Stop) }
    catch { $failure = $_.Exception.Message }
    $line = $answer | Where-Object { $_ -is [string] -and $_.StartsWith((Get-AADSyncKeyRemoteMarker)) } | Select-Object -Last 1
    if ($null -ne $line -and [string]$job.State -eq 'Completed') { return @{ Line = $line; Lost = $false } }
    if ($null -eq $failure) {
        $reason = @($job.ChildJobs | ForEach-Object { $_.JobStateInfo.Reason } | Where-Object { $null -ne $_ } | ForEach-Object { $_.Message }) | Select-Object -First 1
        $failure = if ($null -ne $reason) { $reason } elseif ($null -ne $line) { "the command ended $($job.State)" } else { 'the remote session answered without an envelope line' }
    }
    @{ Lost = $true; Line = (New-AADSyncKeyRemoteFailureLine -ErrorId 'RemoteSessionLost' -Message "The connection to $computerName was lost ($failure); the command did not finish there." -Target $computerName) }
}

# One round: close, open, start, wait, answer (see the top of this file). $Requests items: ticket, key, request (the
# base64 request line), timeoutMs, and, to open the server's session anew first, connect and connection.
function Invoke-AADSyncKeyHubRound {
    param([object[]] $Requests = @(), [string[]] $Close = @(), [int] $WaitMs = 200, [int] $ThrottleLimit = 32, [Parameter(Mandatory = $true)] [string] $Root)
    $hub = Get-AADSyncKeyHub
    $answers = New-Object System.Collections.Generic.List[object]
    foreach ($key in $Close) { Remove-AADSyncKeyHubSession -Key $key }
    $Requests = @(foreach ($request in $Requests) {
        $table = ConvertTo-AADSyncKeyHubTable $request
        $table['connection'] = ConvertTo-AADSyncKeyHubTable $table['connection']
        $table
    })

    $connecting = @($Requests | Where-Object { $_['connect'] -eq $true })
    foreach ($request in $connecting) { Remove-AADSyncKeyHubSession -Key ([string]$request['key']) }
    if ($connecting.Count -gt 0) {
        foreach ($failure in @(Open-AADSyncKeyHubSessions -Requests $connecting -ThrottleLimit $ThrottleLimit)) { $answers.Add($failure) }
        $payload = Get-AADSyncKeyRemotePayload -Root $Root
    }
    $answered = @{}
    foreach ($answer in $answers) { $answered[[string]$answer.ticket] = $true }

    foreach ($request in $Requests) {
        $ticket = [string]$request['ticket']
        if ($answered.ContainsKey($ticket)) { continue }
        $key = [string]$request['key']
        $session = $hub.Sessions[$key]
        if (-not (Test-AADSyncKeyRemoteSessionUsable $session)) {
            $state = if ($null -eq $session) { 'gone' } else { [string]$session.State }
            $name = if ($null -ne $session) { [string]$session.ComputerName } else { [string]$request['computerName'] }
            Remove-AADSyncKeyHubSession -Key $key
            $answers.Add(@{ ticket = $request['ticket']; line = (New-AADSyncKeyRemoteFailureLine -ErrorId 'RemoteSessionLost' -Message "The connection to $name was lost (the session is $state); the command did not run there." -Target $name) })
            continue
        }
        # A new session gets the session host and the scripts first, in the same command as its first request.
        $hostText = $null
        $scripts = $null
        if ($request['connect'] -eq $true) { $hostText = $payload.Host; $scripts = $payload.Scripts }
        $job = Invoke-Command -Session $session -AsJob -ArgumentList $hostText, $scripts, ([string]$request['request']) -ScriptBlock {
            param($HostText, $Scripts, $Request)
            if ($null -ne $HostText) {
                # A persistent session keeps what its commands define: the host's functions stay for the next request.
                $global:AADSyncKeyScriptTable = $Scripts
                . ([scriptblock]::Create($HostText))
            }
            Invoke-AADSyncKeyRequest -RequestBase64 $Request -AsString
        }
        $hub.Running[$ticket] = @{ Ticket = $request['ticket']; Key = $key; Job = $job; ComputerName = [string]$session.ComputerName; TimeoutMs = [int]$request['timeoutMs']; Deadline = [DateTime]::UtcNow.AddMilliseconds([int]$request['timeoutMs']) }
    }

    # Wait until a request has its answer or its time limit, or the round's wait is up (new requests may be waiting
    # in the core), whichever comes first.
    $roundEnd = [DateTime]::UtcNow.AddMilliseconds($WaitMs)
    while ($hub.Running.Count -gt 0 -and $answers.Count -eq 0) {
        $now = [DateTime]::UtcNow
        $finished = @($hub.Running.Values | Where-Object { $_.Job.Finished.WaitOne(0) -or $_.Deadline -le $now })
        if ($finished.Count -gt 0) { break }
        $until = $roundEnd
        foreach ($running in $hub.Running.Values) { if ($running.Deadline -lt $until) { $until = $running.Deadline } }
        $waitMs = [int][Math]::Ceiling(($until - $now).TotalMilliseconds)
        if ($waitMs -le 0) { break }
        # WaitAny takes at most 64 handles; those beyond are looked at when it returns.
        $handles = [System.Threading.WaitHandle[]]@($hub.Running.Values | Select-Object -First 64 | ForEach-Object { $_.Job.Finished })
        [void][System.Threading.WaitHandle]::WaitAny($handles, $waitMs)
    }

    $now = [DateTime]::UtcNow
    foreach ($ticket in @($hub.Running.Keys)) {
        $running = $hub.Running[$ticket]
        if ($running.Job.Finished.WaitOne(0)) {
            $answer = Receive-AADSyncKeyHubAnswer -Running $running
            $hub.Running.Remove($ticket)
            Remove-Job -Job $running.Job -Force -ErrorAction SilentlyContinue
            # A session whose request found it broken is of no further use: the next request connects again.
            if ($answer.Lost) { Remove-AADSyncKeyHubSession -Key $running.Key }
            $answers.Add(@{ ticket = $running.Ticket; line = $answer.Line })
        }
        elseif ($running.Deadline -le $now) {
            # Stopped at its own time limit; its session may still be busy there, so it is ended too (as a session
            # process is ended at its time limit) and the server's next request connects again.
            $seconds = [int][Math]::Ceiling($running.TimeoutMs / 1000.0)
            Remove-AADSyncKeyHubSession -Key $running.Key
            $answers.Add(@{ ticket = $running.Ticket; line = (New-AADSyncKeyRemoteFailureLine -ErrorId 'PowerShellTimeout' -Message "On $($running.ComputerName), the command did not finish within $seconds s and was stopped; its session was ended." -Target $running.ComputerName) })
        }
    }
    $answers
}
