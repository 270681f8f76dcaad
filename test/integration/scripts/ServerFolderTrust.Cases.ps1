# The cases of test/integration/server-folder-trust.test.ts, in one pwsh: %ProgramData%\AADSyncKey planted by
# another user (uid 65534), left writable by group or others, holding another user's lock file, or holding records
# that are not JSON or not of the module's shape; and the folder the module makes itself. Off Windows the owner's
# uid and the mode stand in for the ACL. Also the Windows ACL rule, on objects shaped like FileSystemAccessRule.
# Passwords arrive on standard input: contoso.com's connector account, then the Global Administrator's.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
$wellFormedAbandon = '{"state":"Done","recoveryId":"planted","startedAt":"2026-12-01T10:00:00Z","endedAt":"2026-12-01T10:00:05Z","miiskmuPid":1}'
$wellFormedReentered = '{"contoso.com":"2026-12-01T10:01:00Z","@AzureAD":"2026-12-01T10:02:00Z"}'

# A key-lost server whose AADSyncKey folder is set up by -Plant (a block given the folder's path).
function New-PlantedServer([string] $Name, [scriptblock] $Plant) {
    $server = Get-Server $Name
    $null = New-SimADSyncServer -Path $server -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
    $folder = Join-Path (Join-Path $server 'ProgramData') 'AADSyncKey'
    $null = New-Item -ItemType Directory -Path $folder -Force
    & $Plant $folder
    $server
}
function Set-Owner([string] $Path, [string] $Owner) { & chown $Owner $Path; if ($LASTEXITCODE -ne 0) { throw "chown $Owner $Path failed" } }
function Set-Mode([string] $Path, [string] $Mode) { & chmod $Mode $Path; if ($LASTEXITCODE -ne 0) { throw "chmod $Mode $Path failed" } }

# What a read-only cmdlet gives: its output, and the errors it wrote and went on from.
function Invoke-Read([scriptblock] $Read) {
    $ErrorActionPreference = 'Continue'
    $all = @(& $Read 2>&1)
    $problems = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    [pscustomobject]@{
        output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        errorIds = @($problems | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        messages = @($problems | ForEach-Object { $_.Exception.Message })
        targets  = @($problems | ForEach-Object { [string]$_.TargetObject })
    }
}

$plants = [ordered]@{
    # Made by another user before the module ever ran, writable by everyone, with records that look like the module's.
    plantedByOther = { param($folder)
        Set-Content -LiteralPath (Join-Path $folder 'abandon.json') -Value $wellFormedAbandon
        Set-Content -LiteralPath (Join-Path $folder 'reentered.json') -Value $wellFormedReentered
        Get-ChildItem -LiteralPath $folder | ForEach-Object { Set-Owner $_.FullName 65534 }
        Set-Owner $folder 65534; Set-Mode $folder 0777 }
    # The module's owner, but left group-writable.
    groupWritable = { param($folder) Set-Mode $folder 0770 }
    # A lock file another user made (and could hold open), in a folder of the right owner and mode.
    foreignLock = { param($folder) Set-Mode $folder 0700; $lock = Join-Path $folder 'server.lock'; Set-Content -LiteralPath $lock -Value ''; Set-Owner $lock 65534 }
    # A world-writable record in a sound folder.
    writableRecord = { param($folder) Set-Mode $folder 0700; $path = Join-Path $folder 'abandon.json'; Set-Content -LiteralPath $path -Value $wellFormedAbandon; Set-Mode $path 0666 }
    # Records that are not the module's: not JSON, and JSON of the wrong shape.
    notJson = { param($folder) Set-Mode $folder 0700; $path = Join-Path $folder 'abandon.json'; Set-Content -LiteralPath $path -Value '{"state":"Done",'; Set-Mode $path 0600 }
    wrongShape = { param($folder) Set-Mode $folder 0700; $path = Join-Path $folder 'abandon.json'; Set-Content -LiteralPath $path -Value '{"state":5,"recoveryId":"x"}'; Set-Mode $path 0600 }
    badReentered = { param($folder) Set-Mode $folder 0700; $path = Join-Path $folder 'reentered.json'; Set-Content -LiteralPath $path -Value '[1,2]'; Set-Mode $path 0600 }
}
foreach ($name in $plants.Keys) {
    $server = New-PlantedServer $name $plants[$name]
    Invoke-Case "$name.read" $server { Invoke-Read { Test-AADSyncEncryptionKey -Detailed -ErrorAction Continue } }
    Invoke-Case "$name.state" $server { Invoke-Read { Get-AADSyncServerState -ErrorAction Continue } }
    Invoke-Case "$name.recover" $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
    Invoke-Case "$name.abandon" $server { Remove-AADSyncEncryptionKey -Confirm:$false }
}

# An abandon record without endedAt (hand-made, or cut short) is read, not an internal error.
$server = New-PlantedServer 'noEndedAt' { param($folder) Set-Mode $folder 0700; $path = Join-Path $folder 'abandon.json'; Set-Content -LiteralPath $path -Value '{"state":"Failed","recoveryId":"x","startedAt":"2026-12-01T10:00:00Z"}'; Set-Mode $path 0600 }
Invoke-Case 'noEndedAt.recover' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# The folder the module makes: owner this user, mode 0700; its files 0600, whatever the umask.
$server = Get-Server 'made'
$null = New-SimADSyncServer -Path $server -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
Invoke-Case 'made.recover' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'made.modes' $server {
    $folder = Join-Path (Join-Path $server 'ProgramData') 'AADSyncKey'
    @(Get-Item -LiteralPath $folder) + @(Get-ChildItem -LiteralPath $folder -Force) | ForEach-Object {
        [pscustomobject]@{ name = $_.Name; user = [string]$_.User; mode = [Convert]::ToString(([int]$_.UnixStat.Mode) -band 0x1FF, 8) }
    }
}

# The Windows rule, on objects of FileSystemAccessRule's shape (the session's own function, dot-sourced).
. (Join-Path $PSScriptRoot '../../../src/powershell/SessionHost.ps1')
function New-Rule([string] $Sid, $Rights, [string] $Type = 'Allow') {
    [pscustomobject]@{ IdentityReference = [pscustomobject]@{ Value = $Sid }; FileSystemRights = $Rights; AccessControlType = $Type }
}
$admins = New-Rule 'S-1-5-32-544' ([System.Security.AccessControl.FileSystemRights]::FullControl)
$system = New-Rule 'S-1-5-18' ([System.Security.AccessControl.FileSystemRights]::FullControl)
$aclCases = [ordered]@{
    moduleMade        = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins) }
    ownedBySystem     = @{ owner = 'S-1-5-18'; rules = @($system, $admins) }
    ownedByUser       = @{ owner = 'S-1-5-21-1-2-3-1104'; rules = @($system, $admins) }
    ownedBySessionUser = @{ owner = 'S-1-5-21-1-2-3-500'; rules = @($system, $admins, (New-Rule 'S-1-5-21-1-2-3-500' ([System.Security.AccessControl.FileSystemRights]::FullControl))); current = 'S-1-5-21-1-2-3-500' }
    programDataInherited = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-5-32-545' ([System.Security.AccessControl.FileSystemRights]'CreateFiles, AppendData')), (New-Rule 'S-1-3-0' 268435456)) }
    usersReadOnly     = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-5-32-545' ([System.Security.AccessControl.FileSystemRights]'ReadAndExecute, Synchronize'))) }
    everyoneModify    = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-1-0' ([System.Security.AccessControl.FileSystemRights]::Modify))) }
    authUsersWrite    = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-5-11' ([System.Security.AccessControl.FileSystemRights]::Write))) }
    creatorOwnerAll   = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-3-0' 268435456)) }
    otherAccountDelete = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-5-21-1-2-3-1104' ([System.Security.AccessControl.FileSystemRights]::Delete))) }
    usersWriteDenied  = @{ owner = 'S-1-5-32-544'; rules = @($system, $admins, (New-Rule 'S-1-5-32-545' ([System.Security.AccessControl.FileSystemRights]::Write) 'Deny')) }
}
$acl = [ordered]@{}
foreach ($name in $aclCases.Keys) {
    $current = if ($aclCases[$name].ContainsKey('current')) { $aclCases[$name].current } else { 'S-1-5-21-1-2-3-500' }
    $acl[$name] = Get-AADSyncKeyAclProblem -OwnerSid $aclCases[$name].owner -Rule $aclCases[$name].rules -CurrentUserSid $current
}
$outcomes['acl'] = [ordered]@{ ok = $true; output = @([pscustomobject]$acl) }
$outcomes | ConvertTo-Json -Depth 8
