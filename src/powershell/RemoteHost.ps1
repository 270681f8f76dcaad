# RemoteHost.ps1: how a session reaches a server over PowerShell remoting. Dot-sourced by SessionHost.ps1 (the
# core's remote hub, RemoteHub.ps1, for -ComputerName and -HostName) and by the module's bridge (for a -Session the
# caller passes). Nothing is installed on the server: the session host and the fixed scripts are sent as text into the
# PSSession once, and every request then crosses as the same one line of base64 JSON that a local session reads.
# Secrets inside it are sealed with the remote session's own key, so they cross only inside the remoting channel.
# Windows PowerShell 5.1 must be able to run this file: no 7-only syntax.

# No script-scope state here: these functions run in the core's session (called from a session script, whose
# script scope is its own) and in the module's scope, so what they need comes as parameters or from functions.

# The answer line's marker, as SessionHost.ps1 and src/session/envelope.ts write it (the bridge loads only this file).
function Get-AADSyncKeyRemoteMarker { '@@AADSYNCKEY-ENVELOPE@@' }

# The text of the session host and of every session script (read at each connection: a few small files).
function Get-AADSyncKeyRemotePayload {
    param([Parameter(Mandatory = $true)] [string] $Root)
    $scripts = @{}
    foreach ($file in @(Get-ChildItem -LiteralPath (Join-Path $Root 'scripts') -Filter '*.ps1')) {
        $scripts[$file.BaseName] = [System.IO.File]::ReadAllText($file.FullName)
    }
    @{ Host = [System.IO.File]::ReadAllText((Join-Path $Root 'SessionHost.ps1')); Scripts = $scripts }
}

# Loads the session host and the scripts into a PSSession, once: a session that has them answers Test-Path.
function Initialize-AADSyncKeyRemoteHost {
    param([Parameter(Mandatory = $true)] $Session, [Parameter(Mandatory = $true)] [string] $Root)
    $payload = Get-AADSyncKeyRemotePayload -Root $Root
    Invoke-Command -Session $Session -ErrorAction Stop -ArgumentList $payload.Host, $payload.Scripts -ScriptBlock {
        param($HostText, $Scripts)
        # A persistent session keeps what its commands define: the host's functions stay for the next request.
        $global:AADSyncKeyScriptTable = $Scripts
        . ([scriptblock]::Create($HostText))
    }
}

# Whether a PSSession can still run a command (not closed, broken or disconnected).
function Test-AADSyncKeyRemoteSessionUsable {
    param($Session)
    $null -ne $Session -and [string]$Session.State -eq 'Opened' -and [string]$Session.Availability -eq 'Available'
}

# Forwards one request and returns the remote answer line. A session that is gone is answered with an error
# envelope whose ErrorId is RemoteSessionLost, so the core starts over with a new session. With -TimeoutMs (the
# module's relay for a caller's -Session, where no process of the core can be ended) the command runs as a job
# that is stopped at the limit: PowerShellTimeout.
function Invoke-AADSyncKeyRemoteRequest {
    param([Parameter(Mandatory = $true)] $Session, [Parameter(Mandatory = $true)] [string] $RequestBase64, [int] $TimeoutMs = 0)
    $failure = $null
    $failureId = 'RemoteSessionLost'
    $forward = {
        param($Request)
        Invoke-AADSyncKeyRequest -RequestBase64 $Request -AsString
    }
    if (Test-AADSyncKeyRemoteSessionUsable $Session) {
        try {
            if ($TimeoutMs -gt 0) {
                $job = Invoke-Command -Session $Session -AsJob -ArgumentList $RequestBase64 -ScriptBlock $forward
                try {
                    if ($null -eq (Wait-Job -Job $job -Timeout ([int][math]::Ceiling($TimeoutMs / 1000.0)))) {
                        Stop-Job -Job $job
                        $failureId = 'PowerShellTimeout'
                        throw "the command did not finish within $([int][math]::Ceiling($TimeoutMs / 1000.0)) s and was stopped"
                    }
                    $answer = @(Receive-Job -Job $job -ErrorAction Stop)
                }
                finally { Remove-Job -Job $job -Force -ErrorAction SilentlyContinue }
            }
            else {
                $answer = @(Invoke-Command -Session $Session -ErrorAction Stop -ArgumentList $RequestBase64 -ScriptBlock $forward)
            }
            $line = $answer | Where-Object { $_ -is [string] -and $_.StartsWith((Get-AADSyncKeyRemoteMarker)) } | Select-Object -Last 1
            if ($null -ne $line) { return $line }
            $failure = 'the remote session answered without an envelope line'
        }
        catch { $failure = $_.Exception.Message }
    }
    else {
        $failure = "the session is $($Session.State)"
    }
    $message = if ($failureId -eq 'PowerShellTimeout') { "On $($Session.ComputerName), $failure." } else { "The connection to $($Session.ComputerName) was lost ($failure); the command did not finish there." }
    New-AADSyncKeyRemoteFailureLine -ErrorId $failureId -Message $message -Target ([string]$Session.ComputerName)
}

# The answer line of a request that did not reach the session host: an error envelope, as the host would write it.
function New-AADSyncKeyRemoteFailureLine {
    param([Parameter(Mandatory = $true)] [string] $ErrorId, [Parameter(Mandatory = $true)] [string] $Message, [string] $Target)
    $info = @{ fullyQualifiedErrorId = $ErrorId; category = 'ConnectionError'; message = $Message; targetObject = $Target; exceptionType = 'System.Management.Automation.Remoting.PSRemotingTransportException' }
    $json = ConvertTo-Json -InputObject @{ ok = $false; output = @(); records = @(); error = $info } -Depth 5 -Compress
    (Get-AADSyncKeyRemoteMarker) + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
}
