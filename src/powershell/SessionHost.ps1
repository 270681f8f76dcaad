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
# server, not with the admin's journals, so every session that reaches the server sees them. A recovery trusts what
# is there, and C:\ProgramData lets every user create folders and files (CREATOR OWNER gets full control), so the
# module makes the folder itself with an ACL of its own and refuses one that anybody else could have planted or may
# write (ServerFolderUntrusted). -NoCreate (reads): a missing folder is returned as it is, not made.
function Get-AADSyncKeyServerFolder {
    param([switch] $NoCreate)
    if ([string]::IsNullOrEmpty($env:ProgramData)) { throw 'ProgramData is not set in this session, so the server-wide AADSyncKey folder (lock, abandon record) has no place.' }
    $folder = Join-Path $env:ProgramData 'AADSyncKey'
    if (-not (Test-Path -LiteralPath $folder)) {
        if ($NoCreate) { return $folder }
        New-AADSyncKeyServerFolder -Path $folder
    }
    elseif ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) { Protect-AADSyncKeyInheritedFolder -Path $folder }
    Assert-AADSyncKeyServerFolderTrusted -Path $folder
    $folder
}

# On Windows the folder can exist without the module's ACL yet not be planted: the core's own data folder is
# %ProgramData%\AADSyncKey too when it runs on the server (journals, inventory), and version 0.2 made the folder with
# ProgramData's inheritance. If the folder and everything in it is owned by Administrators or SYSTEM, nobody else has
# written there yet: the folder gets the module's ACL (inheritance off, which re-propagates to what is inside), and
# the check that follows still refuses anything with rules of its own. Anything another user owns is left as it is
# for that check to refuse. Written against documented APIs; not run on Windows (docs/simulator.md).
function Protect-AADSyncKeyInheritedFolder {
    param([Parameter(Mandatory = $true)] [string] $Path)
    $acl = Get-Acl -LiteralPath $Path
    if ($acl.AreAccessRulesProtected) { return }
    $items = @(Get-Item -LiteralPath $Path -Force) + @(Get-ChildItem -LiteralPath $Path -Force -Recurse)
    foreach ($item in $items) {
        $owner = (Get-Acl -LiteralPath $item.FullName).GetOwner([System.Security.Principal.SecurityIdentifier]).Value
        if ($global:AADSyncKeyTrustedSids -notcontains $owner -and $owner -ne [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value) { return }
    }
    Write-Verbose "Setting the module's ACL on '$Path' (SYSTEM and Administrators only; it had ProgramData's inherited rules)."
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($rule in @($acl.GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]))) { $null = $acl.RemoveAccessRule($rule) }
    foreach ($sid in $global:AADSyncKeyTrustedSids) {
        $identity = New-Object System.Security.Principal.SecurityIdentifier $sid
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule $identity, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow'))
    }
    Set-Acl -LiteralPath $Path -AclObject $acl
}

# Well-known SIDs, never names (names are localized): LocalSystem and BUILTIN\Administrators. Global, as the lock
# is: the scripts that call these functions have script scopes of their own.
$global:AADSyncKeyTrustedSids = @('S-1-5-18', 'S-1-5-32-544')
# FileSystemRights that change a file or folder: write or append data, write attributes, delete (the folder's
# children too), change permissions, take ownership; and GENERIC_WRITE and GENERIC_ALL, which inherit-only
# entries (CREATOR OWNER's) carry as raw bits.
$global:AADSyncKeyWriteRights = 0x2 -bor 0x4 -bor 0x10 -bor 0x40 -bor 0x100 -bor 0x10000 -bor 0x40000 -bor 0x80000 -bor 0x40000000 -bor 0x10000000

# Makes the folder with inheritance off, SYSTEM and Administrators with full control and nobody else, owned by
# Administrators; on Linux and macOS (the simulator), mode 0700. The trust check that follows catches anything
# another user slipped in between the creation and the ACL.
function New-AADSyncKeyServerFolder {
    param([Parameter(Mandatory = $true)] [string] $Path)
    $null = New-Item -ItemType Directory -Path $Path -Force
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $acl = New-Object System.Security.AccessControl.DirectorySecurity
        $acl.SetAccessRuleProtection($true, $false)
        foreach ($sid in $global:AADSyncKeyTrustedSids) {
            $identity = New-Object System.Security.Principal.SecurityIdentifier $sid
            $rule = New-Object System.Security.AccessControl.FileSystemAccessRule $identity, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow'
            $acl.AddAccessRule($rule)
        }
        $acl.SetOwner((New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544'))
        Set-Acl -LiteralPath $Path -AclObject $acl
    }
    else {
        [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }
}

# A file the module writes in the folder: on Windows it inherits the folder's ACL; elsewhere it gets mode 0600
# whatever the umask is.
function Protect-AADSyncKeyServerFile {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if ($PSVersionTable.PSEdition -ne 'Desktop' -and -not $IsWindows) {
        [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]'UserRead, UserWrite')
    }
}

# Why an owner and access rules make a path untrusted, or $null: the owner is not SYSTEM or Administrators, or an
# Allow rule lets anybody else change it. Rules are objects shaped like FileSystemAccessRule (IdentityReference as a
# SecurityIdentifier, FileSystemRights, AccessControlType), so the rule is tested on such objects off Windows.
# -CurrentUserSid: the administrator this session runs as is trusted too (where the policy "Default owner for objects
# created by members of the Administrators group" is "Object creator", the files this session writes are theirs).
function Get-AADSyncKeyAclProblem {
    param([Parameter(Mandatory = $true)] [string] $OwnerSid, [string] $OwnerName = '', [object[]] $Rule = @(), [string] $CurrentUserSid = '')
    $trusted = @($global:AADSyncKeyTrustedSids) + @($CurrentUserSid | Where-Object { $_ })
    if ($trusted -notcontains $OwnerSid) {
        return "it is owned by $(if ($OwnerName) { "$OwnerName ($OwnerSid)" } else { $OwnerSid }), not by Administrators or SYSTEM"
    }
    foreach ($entry in $Rule) {
        if ([string]$entry.AccessControlType -ne 'Allow') { continue }
        $sid = [string]$entry.IdentityReference.Value
        if ($trusted -contains $sid) { continue }
        $rights = [long][int]$entry.FileSystemRights
        if (($rights -band $global:AADSyncKeyWriteRights) -ne 0) {
            $who = switch ($sid) {
                'S-1-1-0' { 'Everyone ' } 'S-1-5-11' { 'Authenticated Users ' } 'S-1-5-32-545' { 'Users ' } 'S-1-3-0' { 'CREATOR OWNER ' } default { 'the account ' }
            }
            return "its ACL lets $who($sid) change it ($([string]$entry.FileSystemRights))"
        }
    }
    $null
}

# The same question off Windows, where the owner's uid and the mode stand in for the ACL: owned by this session's
# user or root, and not writable by group or others.
function Get-AADSyncKeyUnixModeProblem {
    param([Parameter(Mandatory = $true)] [string] $OwnerName, [Parameter(Mandatory = $true)] [int] $OwnerId, [Parameter(Mandatory = $true)] [int] $Mode)
    if ($OwnerId -ne 0 -and $OwnerName -ne [Environment]::UserName) { return "it is owned by $OwnerName (uid $OwnerId), not by $([Environment]::UserName) or root" }
    if (($Mode -band 0x12) -ne 0) { return ('its mode {0} lets its group or others write it' -f [Convert]::ToString($Mode -band 0xFFF, 8)) }
    $null
}

# A file that is gone by the time it is looked at (another session's record renamed over it, or a temporary file
# renamed away) is no problem: only an administrator can put a file in a trusted folder. It may be back by the time
# the error is seen, so the error itself says it was missing, not a second look.
function Get-AADSyncKeyPathTrustProblem {
    param([Parameter(Mandatory = $true)] [string] $Path)
    try { Get-AADSyncKeyPresentPathTrustProblem -Path $Path }
    catch {
        $exception = $_.Exception
        $missing = $exception -is [System.Management.Automation.ItemNotFoundException] -or $exception -is [System.IO.FileNotFoundException] -or $exception -is [System.IO.DirectoryNotFoundException]
        if (-not $missing -and (Test-Path -LiteralPath $Path)) { throw }
        $null
    }
}

function Get-AADSyncKeyPresentPathTrustProblem {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
        $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier])
        $ownerName = ''
        try { $ownerName = $owner.Translate([System.Security.Principal.NTAccount]).Value } catch { $ownerName = '' }
        $rules = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))
        $currentUser = [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value
        Get-AADSyncKeyAclProblem -OwnerSid $owner.Value -OwnerName $ownerName -Rule $rules -CurrentUserSid $currentUser
    }
    else {
        # PowerShell 7 on Linux and macOS adds the owner's name and the stat fields to every file item.
        $item = Get-Item -LiteralPath $Path -Force -ErrorAction Stop
        Get-AADSyncKeyUnixModeProblem -OwnerName ([string]$item.User) -OwnerId ([int]$item.UnixStat.UserId) -Mode ([int]$item.UnixStat.Mode)
    }
}

# Refuses the folder, or any file in it, that another user owns or may change: nothing in it is read or trusted.
function Assert-AADSyncKeyServerFolderTrusted {
    param([Parameter(Mandatory = $true)] [string] $Path)
    foreach ($item in @(Get-Item -LiteralPath $Path -Force) + @(Get-ChildItem -LiteralPath $Path -Force -ErrorAction SilentlyContinue)) {
        $problem = Get-AADSyncKeyPathTrustProblem -Path $item.FullName
        if ($null -eq $problem) { continue }
        $howTo = if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
            "An administrator should look at what is in '$Path' and remove it (Remove-Item -LiteralPath '$Path' -Recurse -Force); AADSyncKey then makes it again, for SYSTEM and Administrators only."
        }
        else { "An administrator should look at what is in '$Path' and remove it (rm -rf '$Path'); AADSyncKey then makes it again, mode 0700." }
        $message = "The server folder '$Path' is not trusted: '$($item.FullName)' cannot be relied on because $problem. Nothing in it was read and nothing was changed. $howTo"
        $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Security.SecurityException $message), 'ServerFolderUntrusted', 'SecurityError', [string]$item.FullName)
        throw $record
    }
}

# Writes a small JSON record whole or not at all (a temporary file renamed over the old one).
function Write-AADSyncKeyServerRecord {
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] $Record)
    $temporary = "$Path.$PID.tmp"
    Set-Content -LiteralPath $temporary -Value (ConvertTo-Json -InputObject $Record -Depth 5 -Compress) -Encoding UTF8 -ErrorAction Stop
    Protect-AADSyncKeyServerFile -Path $temporary
    Move-AADSyncKeyFileOver -Source $temporary -Destination $Path
}

# Renames a file over another in one step, so a reader sees the old file or the new one, never none: Move-Item
# -Force deletes the destination first. File.Replace (in .NET Framework 4.6.2 too) needs a destination that exists.
function Move-AADSyncKeyFileOver {
    param([Parameter(Mandatory = $true)] [string] $Source, [Parameter(Mandatory = $true)] [string] $Destination)
    if (-not [System.IO.File]::Exists($Destination)) {
        try { [System.IO.File]::Move($Source, $Destination); return }
        catch [System.IO.IOException] { if (-not [System.IO.File]::Exists($Destination)) { throw } }
    }
    # No backup file: [NullString]::Value, since PowerShell passes $null to a string parameter as an empty string.
    [System.IO.File]::Replace($Source, $Destination, [NullString]::Value)
}

# The fields each record must have, and their types (a record without them is not the module's own).
$global:AADSyncKeyRecordShapes = @{
    'abandon.json'    = [ordered]@{ state = 'string'; recoveryId = 'string'; startedAt = 'string'; endedAt = 'string?'; miiskmuPid = 'int?' }
    'reentered.json'  = @{}
}

# A record written by Write-AADSyncKeyServerRecord, or $null when there is none. One that is not JSON, or whose
# fields do not fit its shape, is a ServerRecordCorrupt error naming the file: never trusted, never half-read.
function Read-AADSyncKeyServerRecord {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $problem = $null
    $record = $null
    try { $record = Get-Content -LiteralPath $Path -Raw -ErrorAction Stop | ConvertFrom-Json -ErrorAction Stop }
    catch { $problem = "it is not JSON ($($_.Exception.Message))" }
    if ($null -eq $problem -and $record -isnot [System.Management.Automation.PSCustomObject]) { $problem = 'it is not a JSON object' }
    if ($null -eq $problem) { $problem = Get-AADSyncKeyRecordShapeProblem -Name (Split-Path -Leaf $Path) -Record $record }
    if ($null -eq $problem) { return $record }
    $message = "The server record '$Path' is corrupt: $problem. It was not used and nothing was changed. An administrator should look at it and remove it (Remove-Item -LiteralPath '$Path'); the module writes it again on its next change."
    $errorRecord = New-Object System.Management.Automation.ErrorRecord ((New-Object System.IO.InvalidDataException $message), 'ServerRecordCorrupt', 'InvalidData', $Path)
    throw $errorRecord
}

function Get-AADSyncKeyRecordShapeProblem {
    param([Parameter(Mandatory = $true)] [string] $Name, [Parameter(Mandatory = $true)] $Record)
    $shape = $global:AADSyncKeyRecordShapes[$Name]
    if ($null -eq $shape) { return $null }
    if ($shape.Count -eq 0) {
        # reentered.json: connector name to time, every value a string.
        foreach ($property in $Record.PSObject.Properties) { if ($property.Value -isnot [string] -and $property.Value -isnot [datetime]) { return "'$($property.Name)' is not a time" } }
        return $null
    }
    foreach ($field in $shape.Keys) {
        $type = $shape[$field]
        $property = $Record.PSObject.Properties[$field]
        $optional = $type.EndsWith('?')
        if ($null -eq $property) { if ($optional) { continue } else { return "it has no '$field'" } }
        $value = $property.Value
        if ($null -eq $value) { if ($optional) { continue } else { return "'$field' is empty" } }
        $ok = switch ($type.TrimEnd('?')) {
            'string' { $value -is [string] -or $value -is [datetime] }
            'int' { $value -is [int] -or $value -is [long] }
        }
        if (-not $ok) { return "'$field' is not a $($type.TrimEnd('?'))" }
    }
    $null
}

# Every record a change relies on, read once to prove it sound before the lock is taken (a corrupt record is an
# error before anything changes, not in the middle of a step).
function Assert-AADSyncKeyServerRecords {
    param([Parameter(Mandatory = $true)] [string] $Folder)
    foreach ($name in $global:AADSyncKeyRecordShapes.Keys) { $null = Read-AADSyncKeyServerRecord -Path (Join-Path $Folder $name) }
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

# Here, not in a remote session: the remote helpers, and the hub that holds the PSSessions to remote servers.
if ($PSScriptRoot) {
    . (Join-Path $PSScriptRoot 'RemoteHost.ps1')
    . (Join-Path $PSScriptRoot 'RemoteHub.ps1')
}
