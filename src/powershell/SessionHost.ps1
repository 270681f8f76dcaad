# SessionHost.ps1: dot-sourced once into the core's long-lived PowerShell session.
# The core never pastes values into script text: every request is one line, `Invoke-AADSyncKeyRequest '<base64>'`,
# whose JSON names a fixed script from ./scripts and carries its arguments as data. Passwords arrive sealed
# with this session's own RSA key and become PSCredential objects here, so no secret is ever in command text.
# Every answer is one line: a marker followed by base64 UTF-8 JSON, so the console's encoding cannot garble it.
# Windows PowerShell 5.1 must be able to run this file: no 7-only syntax.

$script:AADSyncKeyMarker = '@@AADSYNCKEY-ENVELOPE@@'
# Loaded from a file, the scripts are beside this one; loaded into a remote session (RemoteHost.ps1) there is no
# file, and the scripts arrive as a table of name to text in $global:AADSyncKeyScriptTable.
$script:AADSyncKeyScriptRoot = if ($PSScriptRoot) { Join-Path $PSScriptRoot 'scripts' } else { $null }
$script:AADSyncKeyScriptBlocks = @{}
# The PSSession this session forwards every request to, when its target is a remote server (Connect-Target.ps1
# sets it; global, as the lock is, because a script's own script scope is not this file's).
$global:AADSyncKeyRemoteSession = $null
$script:AADSyncKeyRsa = $null
$script:AADSyncKeyScriptNamePattern = '^[A-Z][A-Za-z]+-[A-Za-z]+$'
# The open file that is this session's hold on the server-wide lock (Enter-ServerLock.ps1), or $null.
$global:AADSyncKeyServerLock = $null

function Initialize-AADSyncKeySecretChannel {
    # RSACng on .NET Framework: its default RSA provider cannot do OAEP with SHA-256.
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        $script:AADSyncKeyRsa = New-Object System.Security.Cryptography.RSACng 2048
    }
    else {
        $script:AADSyncKeyRsa = [System.Security.Cryptography.RSA]::Create(2048)
    }
    $public = $script:AADSyncKeyRsa.ExportParameters($false)
    [pscustomobject]@{
        modulus  = [Convert]::ToBase64String($public.Modulus)
        exponent = [Convert]::ToBase64String($public.Exponent)
    }
}

function ConvertFrom-AADSyncKeySealedSecret {
    param([Parameter(Mandatory)] $Sealed)
    if ($null -eq $script:AADSyncKeyRsa) { throw 'The secret channel was not initialized.' }
    $aesKey = $script:AADSyncKeyRsa.Decrypt([Convert]::FromBase64String($Sealed.wrappedKey), [System.Security.Cryptography.RSAEncryptionPadding]::OaepSHA256)
    $aes = [System.Security.Cryptography.Aes]::Create()
    $plain = $null
    $chars = $null
    try {
        $aes.Mode = [System.Security.Cryptography.CipherMode]::CBC
        $aes.Padding = [System.Security.Cryptography.PaddingMode]::PKCS7
        $aes.Key = $aesKey
        $aes.IV = [Convert]::FromBase64String($Sealed.iv)
        $cipherBytes = [Convert]::FromBase64String($Sealed.cipherText)
        $plain = $aes.CreateDecryptor().TransformFinalBlock($cipherBytes, 0, $cipherBytes.Length)
        $chars = [System.Text.Encoding]::UTF8.GetChars($plain)
        $secure = New-Object System.Security.SecureString
        foreach ($c in $chars) { $secure.AppendChar($c) }
        $secure.MakeReadOnly()
        $secure
    }
    finally {
        # Wipe the plain copies we own; the SecureString is the only form that stays.
        [Array]::Clear($aesKey, 0, $aesKey.Length)
        if ($null -ne $plain) { [Array]::Clear($plain, 0, $plain.Length) }
        if ($null -ne $chars) { [Array]::Clear($chars, 0, $chars.Length) }
        $aes.Dispose()
    }
}

# The server's own AADSyncKey folder (%ProgramData%\AADSyncKey): the lock and the abandon record live on the
# server, not with the admin's journals, so every session that reaches the server sees them.
function Get-AADSyncKeyServerFolder {
    if ([string]::IsNullOrEmpty($env:ProgramData)) { throw 'ProgramData is not set in this session, so the server-wide AADSyncKey folder (lock, abandon record) has no place.' }
    $folder = Join-Path $env:ProgramData 'AADSyncKey'
    if (-not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force }
    $folder
}

# Writes a small JSON record whole or not at all (a temporary file renamed over the old one).
function Write-AADSyncKeyServerRecord {
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] $Record)
    $temporary = "$Path.$PID.tmp"
    Set-Content -LiteralPath $temporary -Value (ConvertTo-Json -InputObject $Record -Depth 5 -Compress) -Encoding UTF8 -ErrorAction Stop
    Move-Item -LiteralPath $temporary -Destination $Path -Force -ErrorAction Stop
}

# A record written by Write-AADSyncKeyServerRecord, or $null when there is none or it cannot be read.
function Read-AADSyncKeyServerRecord {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    try { Get-Content -LiteralPath $Path -Raw -ErrorAction Stop | ConvertFrom-Json } catch { $null }
}

# Records on the server that a stored credential was entered again (after an abandon the diagnosis counts what is
# still to do from these): %ProgramData%\AADSyncKey\reentered.json, connector name (or '@AzureAD') to UTC time.
function Register-AADSyncKeyCredentialReentry {
    param([Parameter(Mandatory = $true)] [string] $Name)
    $path = Join-Path (Get-AADSyncKeyServerFolder) 'reentered.json'
    $record = [ordered]@{}
    $old = Read-AADSyncKeyServerRecord -Path $path
    if ($null -ne $old) { foreach ($property in $old.PSObject.Properties) { $record[$property.Name] = [string]$property.Value } }
    $record[$Name] = [datetime]::UtcNow.ToString('o')
    Write-AADSyncKeyServerRecord -Path $path -Record $record
}

# Whether a run of Get-ADSyncRunProfileResult has ended: IsRunComplete, or where an object lacks that property, a
# result other than in-progress. A run still going is not a result.
function Test-AADSyncKeyRunComplete {
    param([Parameter(Mandatory = $true)] $Run)
    $flag = $Run.PSObject.Properties['IsRunComplete']
    if ($null -ne $flag -and $null -ne $flag.Value) { return [bool]$flag.Value }
    @('in-progress', '') -notcontains ([string]$Run.Result).Trim()
}

# Before the service is stopped: waits, within the time limit, for a sync cycle that is running, as Microsoft's
# step 1 says ("If it is, wait until it completes and then stop it"). A scheduler that cannot be read (its Sync_
# account cannot sign in) says nothing of a cycle, and is not waited for.
function Wait-AADSyncKeySyncCycleEnd {
    param([Parameter(Mandatory = $true)] [int] $TimeoutSeconds)
    $started = [datetime]::UtcNow
    $deadline = $started.AddSeconds($TimeoutSeconds)
    do {
        $running = $false
        try { $running = [bool](Get-ADSyncScheduler -ErrorAction Stop).SyncCycleInProgress } catch { $running = $false }
        if ($running) {
            Write-Verbose ('A sync cycle is running; waiting for it to end before the stop ({0:n0} of {1} s).' -f ([datetime]::UtcNow - $started).TotalSeconds, $TimeoutSeconds)
            Start-Sleep -Milliseconds 500
        }
    } while ($running -and [datetime]::UtcNow -lt $deadline)
    [pscustomobject]@{ cycleRunning = $running; waitedSeconds = [int]([datetime]::UtcNow - $started).TotalSeconds }
}

# Whether the server has a command the module may use but no syntax table documents (it is then skipped, not failed).
function Test-AADSyncKeyCommand {
    param([Parameter(Mandatory = $true)] [string] $Command)
    $null -ne (Get-Command -Name $Command -ErrorAction SilentlyContinue)
}

# Refuses, before anything changes, a call whose parameter the server's own command does not have (a parameter no
# public source documents is used only behind this check). The ErrorId is the core's ServerCommandMissing.
function Assert-AADSyncKeyCommandParameter {
    param([Parameter(Mandatory = $true)] [string] $Command, [Parameter(Mandatory = $true)] [string] $Parameter)
    $found = Get-Command -Name $Command -ErrorAction SilentlyContinue
    if ($null -ne $found -and $found.Parameters.ContainsKey($Parameter)) { return }
    $message = "This server's $Command has no -$Parameter parameter; nothing was changed."
    $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Management.Automation.PSNotSupportedException $message), 'ServerCommandMissing', 'NotImplemented', "$Command -$Parameter")
    throw $record
}

# Starts miiskmu.exe with its three standard streams redirected (a prompt reads what the caller writes, or nothing),
# and returns the process. ProcessStartInfo.ArgumentList is not in Windows PowerShell 5.1's .NET Framework: the
# arguments are quoted by hand.
function Start-AADSyncKeyMiiskmu {
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [string[]] $Arguments)
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $Path
    $startInfo.Arguments = ($Arguments | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    [System.Diagnostics.Process]::Start($startInfo)
}

# Whether the miiskmu.exe of an abandon record still runs (a reused process id, started later, is not it).
function Test-AADSyncKeyAbandonRunning {
    param($Record)
    if ($null -eq $Record -or $Record.state -ne 'InFlight' -or -not $Record.miiskmuPid) { return $false }
    $process = Get-Process -Id ([int]$Record.miiskmuPid) -ErrorAction SilentlyContinue
    if ($null -eq $process) { return $false }
    try { return $process.StartTime.ToUniversalTime() -ge ([datetime]$Record.startedAt).ToUniversalTime().AddSeconds(-5) }
    catch { return $true }
}

function ConvertTo-AADSyncKeyErrorInfo {
    param([Parameter(Mandatory)] [System.Management.Automation.ErrorRecord] $ErrorRecord)
    $target = $null
    if ($null -ne $ErrorRecord.TargetObject) { $target = [string]$ErrorRecord.TargetObject }
    @{
        fullyQualifiedErrorId = [string]$ErrorRecord.FullyQualifiedErrorId
        category              = [string]$ErrorRecord.CategoryInfo.Category
        message               = [string]$ErrorRecord.Exception.Message
        targetObject          = $target
        exceptionType         = $ErrorRecord.Exception.GetType().FullName
    }
}

function ConvertTo-AADSyncKeyRecord {
    param($Item)
    if ($Item -is [System.Management.Automation.VerboseRecord]) { return @{ kind = 'verbose'; message = $Item.Message } }
    if ($Item -is [System.Management.Automation.WarningRecord]) { return @{ kind = 'warning'; message = $Item.Message } }
    if ($Item -is [System.Management.Automation.DebugRecord]) { return @{ kind = 'verbose'; message = $Item.Message } }
    if ($Item -is [System.Management.Automation.InformationRecord]) { return @{ kind = 'information'; message = [string]$Item.MessageData } }
    if ($Item -is [System.Management.Automation.ErrorRecord]) {
        $info = ConvertTo-AADSyncKeyErrorInfo $Item
        return @{ kind = 'error'; message = $info.message; error = $info }
    }
    return $null
}

function ConvertTo-AADSyncKeyEnvelopeLine {
    param([Parameter(Mandatory)] $Envelope)
    $json = ConvertTo-Json -InputObject $Envelope -Depth 16 -Compress
    $script:AADSyncKeyMarker + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
}

# A session script to run with &: a script block from the table a remote session was given, or from its file.
function Get-AADSyncKeyScriptBlock {
    param([Parameter(Mandatory)] [string] $Name)
    if ($script:AADSyncKeyScriptBlocks.ContainsKey($Name)) { return $script:AADSyncKeyScriptBlocks[$Name] }
    $table = Get-Variable -Name AADSyncKeyScriptTable -Scope Global -ValueOnly -ErrorAction SilentlyContinue
    if ($null -ne $table) {
        if (-not $table.ContainsKey($Name)) { throw "No session script named '$Name'." }
        $block = [scriptblock]::Create([string]$table[$Name])
    }
    else {
        $scriptPath = Join-Path $script:AADSyncKeyScriptRoot ($Name + '.ps1')
        if (-not (Test-Path -LiteralPath $scriptPath)) { throw "No session script named '$Name'." }
        # The path itself: PowerShell caches a script file's parse, and the script keeps its $PSScriptRoot.
        $block = $scriptPath
    }
    $script:AADSyncKeyScriptBlocks[$Name] = $block
    $block
}

# Answers one request. Here (-AsString unset) the answer line goes to the console, where the core reads it; in a
# remote session it is returned, and the session that forwarded the request writes it to its own console.
function Invoke-AADSyncKeyRequest {
    param([Parameter(Mandatory)] [string] $RequestBase64, [switch] $AsString)
    if ($null -ne $global:AADSyncKeyRemoteSession) {
        [Console]::Out.WriteLine((Invoke-AADSyncKeyRemoteRequest -Session $global:AADSyncKeyRemoteSession -RequestBase64 $RequestBase64))
        return
    }
    Set-StrictMode -Version 2
    $output = New-Object System.Collections.Generic.List[object]
    $records = New-Object System.Collections.Generic.List[object]
    $envelope = @{ ok = $true; output = $output; records = $records; error = $null }
    try {
        $request = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($RequestBase64)) | ConvertFrom-Json
        if ($request.script -eq 'Initialize-SecretChannel') {
            $output.Add((Initialize-AADSyncKeySecretChannel))
        }
        else {
            if ($request.script -notmatch $script:AADSyncKeyScriptNamePattern) { throw "Refused script name '$($request.script)'." }
            $scriptBlock = Get-AADSyncKeyScriptBlock -Name $request.script
            $parameters = @{}
            $arguments = $request.PSObject.Properties['arguments']
            if ($null -ne $arguments -and $null -ne $arguments.Value) {
                foreach ($property in $arguments.Value.PSObject.Properties) { $parameters[$property.Name] = $property.Value }
            }
            $credentials = $request.PSObject.Properties['credentials']
            if ($null -ne $credentials -and $null -ne $credentials.Value) {
                foreach ($property in $credentials.Value.PSObject.Properties) {
                    $password = ConvertFrom-AADSyncKeySealedSecret $property.Value.password
                    $parameters[$property.Name] = New-Object System.Management.Automation.PSCredential ($property.Value.userName, $password)
                }
            }
            $ErrorActionPreference = 'Stop'
            # Verbose records nobody will read are not made (the module says when verbose output is off).
            $VerbosePreference = 'Continue'
            $verbose = $request.PSObject.Properties['verbose']
            if ($null -ne $verbose -and $verbose.Value -eq $false) { $VerbosePreference = 'SilentlyContinue' }
            $WarningPreference = 'Continue'
            $InformationPreference = 'Continue'
            $ProgressPreference = 'SilentlyContinue'
            # Streaming through ForEach-Object keeps the records written before a terminating error.
            & $scriptBlock @parameters *>&1 | ForEach-Object {
                $record = ConvertTo-AADSyncKeyRecord $_
                if ($null -ne $record) { $records.Add($record) } else { $output.Add($_) }
            }
        }
    }
    catch {
        $envelope.ok = $false
        $envelope.error = ConvertTo-AADSyncKeyErrorInfo $_
    }
    $line = ConvertTo-AADSyncKeyEnvelopeLine $envelope
    if ($AsString) { return $line }
    [Console]::Out.WriteLine($line)
}

if ($PSScriptRoot) { . (Join-Path $PSScriptRoot 'RemoteHost.ps1') }
