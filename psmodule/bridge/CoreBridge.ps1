# CoreBridge.ps1: hand-written, never generated. The generated functions call Invoke-AADSyncKeyCommand, which
# relays one request to the Node core and turns its answer into PowerShell's own streams.
#
# The core is started on the first call and kept for the whole PowerShell session (one process, one PowerShell
# session inside it), and stopped when the module is removed. When PowerShell exits, the core's standard input
# closes and it ends by itself. Requests and answers are JSON lines on the core's standard input and output;
# credentials travel there too, never on a command line or in an environment variable.
#
# Windows PowerShell 5.1 must load this file: no ternary, no null-coalescing, no pipeline chains.

$script:CoreProcess = $null
$script:CorePendingRead = $null
$script:CoreRequestId = 0
$script:CoreEntry = Join-Path $PSScriptRoot '../../dist/src/cli/core.js'
# The default views are loaded with the first object written, not at Import-Module: loading the format file is
# most of an import's time, and a session that writes no object never needs it.
$script:FormatFile = Join-Path $PSScriptRoot '../AADSyncKey.format.ps1xml'
$script:FormatLoaded = $false
# The caller's PSSessions of the current call (-Session), by InstanceId, and those the session host was loaded into.
$script:RelaySessions = @{}
$script:RelayHostLoaded = @{}
# RemoteHost.ps1 (the one way a session host is loaded into a PSSession and a request forwarded there) is shared
# with the core's own session: in a package it sits in core/powershell, in a checkout in src/powershell. It is
# loaded by the relay that needs it, not at import (importing stays as quick as an empty module's).
function Get-AADSyncKeyRemoteHostFile {
    $packaged = Join-Path $PSScriptRoot '../core/powershell/RemoteHost.ps1'
    if (Test-Path -LiteralPath $packaged) { return $packaged }
    Join-Path $PSScriptRoot '../../src/powershell/RemoteHost.ps1'
}

function Get-AADSyncKeyNodePath {
    if ($env:AADSYNCKEY_NODE) { return $env:AADSYNCKEY_NODE }
    $node = Get-Command -Name 'node' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $node) { return $null }
    $node.Source
}

function Get-AADSyncKeyTarget {
    # The simulated server is chosen by its state folder; without one the core works on this server.
    if ($env:AADSYNCKEY_SIMULATOR) {
        return @{ kind = 'simulator'; statePath = [string]$env:AADSYNCKEY_SIMULATOR }
    }
    @{ kind = 'local' }
}

# The servers of a call, from the remoting parameters (which are taken out of the call's parameters): none gives
# this computer (or the simulated server); -ComputerName, -HostName and -Session exclude each other, and the
# options of one transport are refused with the other, before anything is sent.
function Get-AADSyncKeyTargetList {
    param([Parameter(Mandatory = $true)] [hashtable] $Remoting, [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet)
    $refuse = {
        param([string] $Message, $Target)
        $Cmdlet.ThrowTerminatingError((New-AADSyncKeyErrorRecord -ErrorId 'InvalidRemoteTarget' -ExceptionType 'AADSyncKey.InputException' -Category InvalidArgument -TargetObject $Target `
            -Message "$Message Nothing was run." -RecommendedAction 'Give the servers with one of -ComputerName (WinRM), -HostName (SSH) or -Session, with the options of that transport only.'))
    }
    # Most calls name no server: they take no pipeline here (each costs the call a millisecond).
    if ($Remoting.Count -eq 0 -or ($Remoting.Count -eq 1 -and $Remoting.ContainsKey('ThrottleLimit'))) { return , @(Get-AADSyncKeyTarget) }
    $ways = @(@('ComputerName', 'HostName', 'Session') | Where-Object { $Remoting.ContainsKey($_) })
    if ($ways.Count -gt 1) { & $refuse "-$($ways -join ' and -') cannot be used together." $ways[1] }
    $wsmanOnly = @('UseSSL', 'Authentication')
    $sshOnly = @('UserName', 'KeyFilePath', 'Options')
    if ($ways.Count -eq 0) {
        $stray = @($Remoting.Keys | Where-Object { $_ -ne 'ThrottleLimit' })
        if ($stray.Count -gt 0) { & $refuse "-$($stray[0]) needs -ComputerName, -HostName or -Session." $stray[0] }
        return , @(Get-AADSyncKeyTarget)
    }
    $targets = New-Object System.Collections.Generic.List[object]
    switch ($ways[0]) {
        'ComputerName' {
            foreach ($name in $sshOnly) { if ($Remoting.ContainsKey($name)) { & $refuse "-$name is an SSH option; use it with -HostName, not -ComputerName." $name } }
            foreach ($computer in $Remoting.ComputerName) {
                $connection = @{ transport = 'WSMan'; computerName = [string]$computer }
                if ($Remoting.ContainsKey('Port')) { $connection.port = [int]$Remoting.Port }
                if ($Remoting.ContainsKey('UseSSL')) { $connection.useSSL = [bool]$Remoting.UseSSL }
                if ($Remoting.ContainsKey('Authentication')) { $connection.authentication = [string]$Remoting.Authentication }
                if ($Remoting.ContainsKey('ConfigurationName')) { $connection.configurationName = [string]$Remoting.ConfigurationName }
                $targets.Add(@{ kind = 'remote'; connection = $connection })
            }
        }
        'HostName' {
            foreach ($name in $wsmanOnly) { if ($Remoting.ContainsKey($name)) { & $refuse "-$name is a WinRM option; use it with -ComputerName, not -HostName." $name } }
            foreach ($hostName in $Remoting.HostName) {
                $connection = @{ transport = 'SSH'; computerName = [string]$hostName }
                # user@host, as ssh and New-PSSession -HostName take it.
                if (([string]$hostName).Contains('@')) {
                    $at = ([string]$hostName).LastIndexOf('@')
                    $connection.userName = ([string]$hostName).Substring(0, $at)
                    $connection.computerName = ([string]$hostName).Substring($at + 1)
                }
                if ($Remoting.ContainsKey('UserName')) { $connection.userName = [string]$Remoting.UserName }
                if ($Remoting.ContainsKey('Port')) { $connection.port = [int]$Remoting.Port }
                if ($Remoting.ContainsKey('KeyFilePath')) { $connection.keyFilePath = $Cmdlet.GetUnresolvedProviderPathFromPSPath([string]$Remoting.KeyFilePath) }
                if ($Remoting.ContainsKey('ConfigurationName')) { $connection.configurationName = [string]$Remoting.ConfigurationName }
                if ($Remoting.ContainsKey('Options')) {
                    $options = @{}
                    foreach ($key in $Remoting.Options.Keys) { $options[[string]$key] = [string]$Remoting.Options[$key] }
                    $connection.options = $options
                }
                $targets.Add(@{ kind = 'remote'; connection = $connection })
            }
        }
        'Session' {
            $options = @($Remoting.Keys | Where-Object { @('Session', 'ThrottleLimit') -notcontains $_ })
            if ($options.Count -gt 0) { & $refuse "-$($options[0]) is set when a PSSession is opened; with -Session it has no effect." $options[0] }
            foreach ($session in $Remoting.Session) {
                if ([string]$session.State -ne 'Opened') { & $refuse "The PSSession $($session.Name) to $($session.ComputerName) is $($session.State), not Opened." $session }
                $key = $session.InstanceId.ToString()
                $script:RelaySessions[$key] = $session
                $targets.Add(@{ kind = 'callerSession'; computerName = [string]$session.ComputerName; sessionId = $key })
            }
        }
    }
    , $targets.ToArray()
}

# Runs one request line from the core in a caller's PSSession (loading the session host there first) and returns
# the answer line. Only this PowerShell can use the PSSession, so the core relays through the module.
function Invoke-AADSyncKeyRelay {
    param([Parameter(Mandatory = $true)] $Record)
    # Its functions are defined in this call's scope, for this call.
    . (Get-AADSyncKeyRemoteHostFile)
    $session = $script:RelaySessions[[string]$Record.sessionId]
    if ($null -eq $session -or -not (Test-AADSyncKeyRemoteSessionUsable $session)) {
        $state = if ($null -eq $session) { 'unknown' } else { [string]$session.State }
        return New-AADSyncKeyRemoteFailureLine -ErrorId 'RemoteSessionLost' -Message "The PSSession is $state; the command did not run there."
    }
    $key = $session.InstanceId.ToString()
    if (-not $script:RelayHostLoaded.ContainsKey($key)) {
        try { Initialize-AADSyncKeyRemoteHost -Session $session -Root ([string]$Record.hostRoot) }
        catch {
            return New-AADSyncKeyRemoteFailureLine -ErrorId 'RemoteConnectionFailed' -Message "[$($session.ComputerName)] The session host could not be loaded into the PSSession: $($_.Exception.Message)" -Target ([string]$session.ComputerName)
        }
        $script:RelayHostLoaded[$key] = $true
    }
    Invoke-AADSyncKeyRemoteRequest -Session $session -RequestBase64 ([string]$Record.request) -TimeoutMs ([int]$Record.timeoutMs)
}

function Get-AADSyncKeyDataFolder {
    # Read at every call: a change of AADSYNCKEY_DATA_DIR in this session reaches a core started before it.
    if ($env:AADSYNCKEY_DATA_DIR) { return [string]$env:AADSYNCKEY_DATA_DIR }
    $null
}

# The exception types are compiled when the first error is raised, not at import: Add-Type costs a second.
function Initialize-AADSyncKeyExceptionType {
    if ($null -ne ('AADSyncKey.AADSyncKeyException' -as [type])) { return }
    Add-Type -Path (Join-Path $PSScriptRoot '../AADSyncKey.Exceptions.cs')
}

function New-AADSyncKeyErrorRecord {
    param(
        [Parameter(Mandatory = $true)] [string] $ErrorId,
        [Parameter(Mandatory = $true)] [string] $Message,
        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
        $TargetObject = $null,
        [string] $RecommendedAction,
        # AADSyncKey.<Family>Exception, so that catch [type] and Should -Throw -ExceptionType work.
        [string] $ExceptionType = 'AADSyncKey.AADSyncKeyException'
    )
    Initialize-AADSyncKeyExceptionType
    if ($null -eq ($ExceptionType -as [type])) { $ExceptionType = 'AADSyncKey.AADSyncKeyException' }
    $exception = New-Object ($ExceptionType -as [type]) $Message, $ErrorId
    $record = New-Object System.Management.Automation.ErrorRecord $exception, $ErrorId, $Category, $TargetObject
    if ($RecommendedAction) {
        $record.ErrorDetails = New-Object System.Management.Automation.ErrorDetails $Message
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }
    $record
}

# Which core to start, in this order: the single executable of this platform (a package carries it: no Node.js is
# needed), else node with the bundled core (a package) or the built files (a checkout). AADSYNCKEY_CORE=node skips
# the executable. Returns the program, its arguments, and what -Verbose says about it.
# Whether the machine is x64, read in a way every host has: RuntimeInformation is missing from .NET Framework 4.6.2
# to 4.7.0 (Windows PowerShell 5.1 on Windows Server 2016 as shipped). On Windows the environment says it
# (PROCESSOR_ARCHITEW6432 for a 32-bit process on a 64-bit system); elsewhere the host is PowerShell 7 on .NET, which
# has RuntimeInformation.
function Test-AADSyncKeyX64Machine {
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $architecture = if ($env:PROCESSOR_ARCHITEW6432) { $env:PROCESSOR_ARCHITEW6432 } else { $env:PROCESSOR_ARCHITECTURE }
        $architecture -eq 'AMD64'
    }
    else { [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq [System.Runtime.InteropServices.Architecture]::X64 }
}

function Get-AADSyncKeyCoreCommand {
    $coreFolder = Join-Path $PSScriptRoot '../core'
    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    $x64 = Test-AADSyncKeyX64Machine
    $executable = $null
    if ($x64 -and $onWindows) { $executable = Join-Path $coreFolder 'aadsynckey-core-win-x64.exe' }
    elseif ($x64 -and $IsLinux) { $executable = Join-Path $coreFolder 'aadsynckey-core-linux-x64' }
    if ($env:AADSYNCKEY_CORE -ne 'node' -and $null -ne $executable -and (Test-Path -LiteralPath $executable)) {
        $executable = [System.IO.Path]::GetFullPath($executable)
        # A package's files lose their execute bit when Install-PSResource unpacks them. Unix file modes are .NET 7
        # APIs: only PowerShell 7 on Linux or macOS reaches them.
        if ($IsLinux -or $IsMacOS) {
            if (-not ((Get-Item -LiteralPath $executable).UnixFileMode.HasFlag([System.IO.UnixFileMode]::UserExecute))) {
                [System.IO.File]::SetUnixFileMode($executable, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
            }
        }
        return @{ FileName = $executable; Arguments = ''; Description = "the single executable $executable (no Node.js needed)" }
    }
    $node = Get-AADSyncKeyNodePath
    $bundle = Join-Path $coreFolder 'aadsynckey-core.mjs'
    $entry = if (Test-Path -LiteralPath $bundle) { $bundle } else { $script:CoreEntry }
    $entry = [System.IO.Path]::GetFullPath($entry)
    if ($null -eq $node) {
        throw (New-AADSyncKeyErrorRecord -ErrorId 'CoreUnavailable' -ExceptionType 'AADSyncKey.SessionException' -Category ResourceUnavailable -TargetObject 'node' `
            -Message 'This copy of the module has no single executable for this platform, and Node.js was not found on PATH; the AADSyncKey core needs one of them.' -RecommendedAction 'Install the module package (Install-PSResource AADSyncKey), which carries the executable for Windows and Linux x64; or install Node.js 22 or later, or set AADSYNCKEY_NODE to node.')
    }
    if (-not (Test-Path -LiteralPath $entry)) {
        throw (New-AADSyncKeyErrorRecord -ErrorId 'CoreUnavailable' -ExceptionType 'AADSyncKey.SessionException' -Category ResourceUnavailable -TargetObject $entry `
            -Message "The AADSyncKey core is not built: '$entry' is missing." -RecommendedAction 'Run npm run setup in the AADSyncKey folder, or install the module package (Install-PSResource AADSyncKey).')
    }
    @{ FileName = $node; Arguments = '"' + $entry + '"'; Description = "node $node with $entry" }
}

function Start-AADSyncKeyCore {
    $core = Get-AADSyncKeyCoreCommand
    Write-Verbose "Starting the AADSyncKey core: $($core.Description)."
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $core.FileName
    $startInfo.Arguments = $core.Arguments
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.StandardOutputEncoding = New-Object System.Text.UTF8Encoding $false
    $script:CoreProcess = [System.Diagnostics.Process]::Start($startInfo)
    $script:CorePendingRead = $null
}

function Stop-AADSyncKeyCore {
    $process = $script:CoreProcess
    $script:CoreProcess = $null
    $script:CorePendingRead = $null
    if ($null -eq $process) { return }
    try {
        if (-not $process.HasExited) {
            # Closing its input lets the core end its PowerShell session cleanly; kill it if it does not.
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(5000)) { $process.Kill() }
        }
    }
    catch { Write-Verbose "Stopping the AADSyncKey core: $($_.Exception.Message)" }
    finally { $process.Dispose() }
}

function Get-AADSyncKeyCoreProcessId {
    # For tests and diagnostics: the process id of the warm core, or $null when none runs.
    if ($null -eq $script:CoreProcess -or $script:CoreProcess.HasExited) { return $null }
    $script:CoreProcess.Id
}

function Write-AADSyncKeyCoreLine {
    param([Parameter(Mandatory = $true)] [string] $Json)
    # Written as UTF-8 bytes: Windows PowerShell 5.1 cannot set the encoding of a redirected standard input.
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($Json + "`n")
    $stream = $script:CoreProcess.StandardInput.BaseStream
    $stream.Write($bytes, 0, $bytes.Length)
    $stream.Flush()
}

function Read-AADSyncKeyCoreLine {
    # Waits for the next line, checking now and then that the core is still alive; $null when it died.
    while ($true) {
        if ($null -eq $script:CorePendingRead) { $script:CorePendingRead = $script:CoreProcess.StandardOutput.ReadLineAsync() }
        if ($script:CorePendingRead.Wait(200)) {
            $line = $script:CorePendingRead.Result
            $script:CorePendingRead = $null
            return $line
        }
        if ($script:CoreProcess.HasExited) {
            if ($script:CorePendingRead.Wait(1000)) {
                $line = $script:CorePendingRead.Result
                $script:CorePendingRead = $null
                return $line
            }
            return $null
        }
    }
}

# Nested objects carry their type name as a PSTypeName property (JSON has none): it becomes the object's first type
# name, as [pscustomobject]@{ PSTypeName = ... } makes it, so steps, events and evidence are typed too.
function Set-AADSyncKeyTypeName {
    param($Value)
    foreach ($item in @($Value)) {
        if ($item -isnot [System.Management.Automation.PSCustomObject]) { continue }
        foreach ($property in @($item.PSObject.Properties)) {
            if ($property.Name -ne 'PSTypeName' -and ($property.Value -is [System.Management.Automation.PSCustomObject] -or $property.Value -is [array])) { Set-AADSyncKeyTypeName $property.Value }
        }
        $typeName = $item.PSObject.Properties['PSTypeName']
        if ($null -ne $typeName) {
            $item.PSObject.TypeNames.Insert(0, [string]$typeName.Value)
            $item.PSObject.Properties.Remove('PSTypeName')
        }
    }
}

function ConvertTo-AADSyncKeyRequestValue {
    param($Value)
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [bool]$Value.IsPresent }
    # Returned plainly, an array of one would be unrolled into its element: -ResetConnector 'a' must stay ['a'].
    if ($Value -is [array]) { return , $Value }
    $Value
}

function Invoke-AADSyncKeyCommand {
    param(
        [Parameter(Mandatory = $true)] [string] $Command,
        [Parameter(Mandatory = $true)] [hashtable] $BoundParameters,
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [string[]] $CredentialParameter = @(),
        [string[]] $CredentialMapParameter = @(),
        [string[]] $PathParameter = @(),
        # The command's remoting parameters (generated from the definitions), which choose its targets.
        [string[]] $RemotingParameter = @()
    )
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $parameters = @{}
    $credentials = @{}
    $remotingGiven = @{}
    foreach ($name in $BoundParameters.Keys) {
        if ($common -contains $name) { continue }
        $value = $BoundParameters[$name]
        if ($RemotingParameter -contains $name) {
            $remotingGiven[$name] = $value
            continue
        }
        if ($CredentialParameter -contains $name) {
            if ($null -ne $value) {
                $credentials[$name] = @{ userName = $value.UserName; password = $value.GetNetworkCredential().Password }
            }
            continue
        }
        if ($CredentialMapParameter -contains $name) {
            # name -> PSCredential; each entry travels as the credential '<parameter>:<name>'. Checked here, before
            # anything is sent, so a malformed table changes nothing.
            if ($null -eq $value) { continue }
            if ($value -isnot [System.Collections.IDictionary]) {
                $Cmdlet.ThrowTerminatingError((New-AADSyncKeyErrorRecord -ErrorId 'InvalidConnectorCredential' -Category InvalidArgument -TargetObject $name `
                    -Message "-$name must be a hashtable of connector name to PSCredential." -RecommendedAction "Pass @{ 'contoso.com' = (Get-Credential) }."))
            }
            foreach ($key in $value.Keys) {
                $entry = $value[$key]
                if ([string]::IsNullOrWhiteSpace([string]$key) -or $entry -isnot [System.Management.Automation.PSCredential]) {
                    $Cmdlet.ThrowTerminatingError((New-AADSyncKeyErrorRecord -ErrorId 'InvalidConnectorCredential' -Category InvalidArgument -TargetObject ([string]$key) `
                        -Message "The -$name entry '$key' is not a connector name with a PSCredential; nothing was changed." -RecommendedAction "Give each AD connector's name with a PSCredential (Get-Credential)."))
                }
                $credentials[$name + ':' + [string]$key] = @{ userName = $entry.UserName; password = $entry.GetNetworkCredential().Password }
            }
            continue
        }
        if ($PathParameter -contains $name -and $null -ne $value) {
            # The core runs in its own folder: a relative path means the admin's current location.
            $value = $Cmdlet.GetUnresolvedProviderPathFromPSPath([string]$value)
        }
        $parameters[$name] = ConvertTo-AADSyncKeyRequestValue $value
    }

    $script:RelaySessions = @{}
    $targets = Get-AADSyncKeyTargetList -Remoting $remotingGiven -Cmdlet $Cmdlet

    if ($null -eq $script:CoreProcess -or $script:CoreProcess.HasExited) {
        if ($null -ne $script:CoreProcess) { Stop-AADSyncKeyCore }
        try { Start-AADSyncKeyCore }
        catch {
            # Start-AADSyncKeyCore raises CoreUnavailable records itself; anything else (Process.Start failing) is wrapped.
            # A new record, raised by the cmdlet: PowerShell then names the cmdlet, not "Exception", before the message.
            $reason = $_
            $action = if ($null -ne $reason.ErrorDetails) { $reason.ErrorDetails.RecommendedAction } else { 'Check that node (20 or later) is on PATH and that the project is built (npm run setup).' }
            $message = if ($reason.FullyQualifiedErrorId -like 'CoreUnavailable*') { $reason.Exception.Message } else { "The AADSyncKey core could not be started: $($reason.Exception.Message)" }
            $Cmdlet.ThrowTerminatingError((New-AADSyncKeyErrorRecord -ErrorId 'CoreUnavailable' -ExceptionType 'AADSyncKey.SessionException' -Category ResourceUnavailable -TargetObject $reason.TargetObject -Message $message -RecommendedAction $action))
        }
    }

    $script:CoreRequestId++
    $id = $script:CoreRequestId
    # -WhatIf and -Verbose on the cmdlet set $WhatIfPreference and $VerbosePreference in its scope, which this
    # function sees.
    $request = @{ id = $id; command = $Command; parameters = $parameters; credentials = $credentials; targets = $targets; dataFolder = (Get-AADSyncKeyDataFolder); whatIf = [bool]$WhatIfPreference; verbose = (@('SilentlyContinue', 'Ignore') -notcontains [string]$VerbosePreference) }
    if ($remotingGiven.ContainsKey('ThrottleLimit')) { $request.throttleLimit = [int]$remotingGiven.ThrottleLimit }
    $json = ConvertTo-Json -InputObject $request -Depth 10 -Compress
    $request = $null
    $credentials = $null

    $done = $false
    $failure = $null
    # Output objects are written after the request is done: written earlier, they would run the next pipeline
    # command (often another AADSyncKey call) while this one still owns the core's output.
    $outputs = New-Object System.Collections.Generic.List[object]
    try {
        # A write that fails means the core died; the read below reports that as CoreUnavailable.
        try { Write-AADSyncKeyCoreLine -Json $json } catch { Write-Verbose "Writing to the AADSyncKey core failed: $($_.Exception.Message)" }
        $json = $null
        while (-not $done) {
            $line = Read-AADSyncKeyCoreLine
            if ($null -eq $line) {
                Stop-AADSyncKeyCore
                $done = $true
                $Cmdlet.ThrowTerminatingError((New-AADSyncKeyErrorRecord -ErrorId 'CoreUnavailable' -Category ResourceUnavailable -TargetObject $Command `
                    -Message "The AADSyncKey core exited while running $Command." -RecommendedAction 'Run the command again; a new core is started. If it keeps failing, run it with -Verbose.'))
            }
            $record = $line | ConvertFrom-Json
            if ($record.id -ne $id) { continue }   # leftovers of a call that was stopped
            switch ($record.type) {
                'output' {
                    $object = $record.data
                    Set-AADSyncKeyTypeName $object
                    if ($record.typeName) { $object.PSObject.TypeNames.Insert(0, $record.typeName) }
                    $computerName = $record.PSObject.Properties['computerName']
                    if ($null -ne $computerName) {
                        # As Invoke-Command marks what a remote computer returned (a plain $true included).
                        $object = [psobject]$object
                        $object | Add-Member -NotePropertyName PSComputerName -NotePropertyValue ([string]$computerName.Value) -Force
                    }
                    $outputs.Add($object)
                }
                'verbose' { $Cmdlet.WriteVerbose($record.message) }
                'warning' { $Cmdlet.WriteWarning($record.message) }
                'progress' {
                    $progress = New-Object System.Management.Automation.ProgressRecord 1, $record.progress.activity, $record.progress.status
                    if ($null -ne $record.progress.PSObject.Properties['percentComplete']) { $progress.PercentComplete = [int]$record.progress.percentComplete }
                    if ($null -ne $record.progress.PSObject.Properties['currentOperation']) { $progress.CurrentOperation = $record.progress.currentOperation }
                    if ($null -ne $record.progress.PSObject.Properties['completed'] -and $record.progress.completed) { $progress.RecordType = 'Completed' }
                    $Cmdlet.WriteProgress($progress)
                }
                'relay' {
                    $line = Invoke-AADSyncKeyRelay -Record $record
                    Write-AADSyncKeyCoreLine -Json (ConvertTo-Json -InputObject @{ id = $id; type = 'relayAnswer'; relayId = [int]$record.relayId; line = [string]$line } -Compress)
                }
                'shouldProcess' {
                    $answer = $Cmdlet.ShouldProcess($record.target, $record.action)
                    Write-AADSyncKeyCoreLine -Json (ConvertTo-Json -InputObject @{ id = $id; type = 'answer'; value = [bool]$answer } -Compress)
                }
                'error' {
                    $e = $record.error
                    $failure = New-AADSyncKeyErrorRecord -ErrorId $e.code -Category $e.category -TargetObject $e.target -Message $e.message -RecommendedAction $e.recommendedAction -ExceptionType $e.exceptionType
                }
                'nonTerminatingError' {
                    # Kept in order with the output and written after it (WriteError under -ErrorAction Stop would throw
                    # here, mid-request); -ErrorAction and -ErrorVariable then decide what it does.
                    $e = $record.error
                    $outputs.Add((New-AADSyncKeyErrorRecord -ErrorId $e.code -Category $e.category -TargetObject $e.target -Message $e.message -RecommendedAction $e.recommendedAction -ExceptionType $e.exceptionType))
                }
                'done' { $done = $true }
            }
        }
    }
    finally {
        # A call stopped half-way (Ctrl+C) leaves the core mid-request: end it; the next call starts a fresh one.
        if (-not $done) {
            Stop-AADSyncKeyCore
            # Said through the host: the pipeline is stopping, and its streams may not take a record any more.
            $left = if ($Command -eq 'Invoke-AADSyncKeyRecovery') {
                'The recovery was interrupted. Its journal keeps the step that was running (Get-AADSyncKeyRecoveryJournal -Unfinished shows it); run Invoke-AADSyncKeyRecovery again to continue from there, or Stop-AADSyncKeyRecovery to cancel it.'
            }
            else { "$Command was interrupted before it finished; run Test-AADSyncEncryptionKey -Detailed to see the server as it is now." }
            try { $Host.UI.WriteWarningLine($left) } catch { $null = $_ }
        }
    }
    if ($outputs.Count -gt 0 -and -not $script:FormatLoaded) {
        # Loading our views is not the admin's action: -Confirm must not ask about it, and -WhatIf must not skip it.
        Update-FormatData -PrependPath $script:FormatFile -Confirm:$false -WhatIf:$false
        $script:FormatLoaded = $true
    }
    foreach ($object in $outputs) {
        if ($object -is [System.Management.Automation.ErrorRecord]) { $Cmdlet.WriteError($object) } else { $Cmdlet.WriteObject($object) }
    }
    if ($null -ne $failure) { $Cmdlet.ThrowTerminatingError($failure) }
}

# Where the core keeps journals and connector inventories (src/server/data-folder.ts says the same): the argument
# completers read them directly, so completing a name never starts the core or touches the server.
function Get-AADSyncKeyDataFolderPath {
    if ($env:AADSYNCKEY_DATA_DIR) { return [string]$env:AADSYNCKEY_DATA_DIR }
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) { return (Join-Path $env:ProgramData 'AADSyncKey') }
    $stateHome = if ($env:XDG_STATE_HOME) { $env:XDG_STATE_HOME } else { Join-Path (Join-Path $HOME '.local') 'state' }
    Join-Path $stateHome 'aadsynckey'
}

function New-AADSyncKeyCompletion {
    param([string[]] $Candidates, [string] $WordToComplete)
    $typed = ([string]$WordToComplete).Trim("'", '"')
    foreach ($candidate in @($Candidates | Where-Object { $_ -like "$typed*" } | Sort-Object -Unique)) {
        $text = if ($candidate -match "[\s'`$]") { "'" + ($candidate -replace "'", "''") + "'" } else { $candidate }
        New-Object System.Management.Automation.CompletionResult ($text, $candidate, 'ParameterValue', $candidate)
    }
}

# Connector names, as the core last read them from a running service (the remembered inventories).
$script:ConnectorNameCompleter = {
    param($commandName, $parameterName, $wordToComplete)
    $folder = Join-Path (Get-AADSyncKeyDataFolderPath) 'inventory'
    $names = foreach ($file in @(Get-ChildItem -LiteralPath $folder -Filter '*.json' -ErrorAction SilentlyContinue)) {
        try {
            $inventory = Get-Content -LiteralPath $file.FullName -Raw | ConvertFrom-Json
            foreach ($connector in @($inventory.connectors)) {
                if ($parameterName -eq 'Name' -and $commandName -eq 'Get-AADSyncConnector') { [string]$connector.name }
                elseif ($connector.type -eq 'AD') { [string]$connector.name }
            }
        }
        catch { $null = $_ }
    }
    New-AADSyncKeyCompletion -Candidates $names -WordToComplete $wordToComplete
}

# Recovery ids, from the journal files' names.
$script:RecoveryIdCompleter = {
    param($commandName, $parameterName, $wordToComplete)
    $folder = Join-Path (Get-AADSyncKeyDataFolderPath) 'journals'
    $ids = @(Get-ChildItem -LiteralPath $folder -Filter '*.json' -Recurse -ErrorAction SilentlyContinue | ForEach-Object { $_.BaseName })
    New-AADSyncKeyCompletion -Candidates $ids -WordToComplete $wordToComplete
}

Register-ArgumentCompleter -CommandName 'Get-AADSyncConnector' -ParameterName 'Name' -ScriptBlock $script:ConnectorNameCompleter
Register-ArgumentCompleter -CommandName 'Set-AADSyncConnectorCredential' -ParameterName 'ConnectorName' -ScriptBlock $script:ConnectorNameCompleter
Register-ArgumentCompleter -CommandName 'Invoke-AADSyncKeyRecovery' -ParameterName 'ResetConnector' -ScriptBlock $script:ConnectorNameCompleter
Register-ArgumentCompleter -CommandName 'Get-AADSyncKeyRecoveryJournal', 'Stop-AADSyncKeyRecovery' -ParameterName 'RecoveryId' -ScriptBlock $script:RecoveryIdCompleter

$ExecutionContext.SessionState.Module.OnRemove = { Stop-AADSyncKeyCore }
