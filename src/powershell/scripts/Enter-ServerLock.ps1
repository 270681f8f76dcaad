# Takes the server-wide AADSyncKey lock: one command that changes this server at a time, whoever runs it and
# wherever its journals are kept. The lock is a file under %ProgramData%\AADSyncKey held open with no sharing by
# this session's process: an operating-system lock, so it is exclusive under contention and ends with the process
# that holds it (a killed session never leaves a stale lock). Who holds it is written beside it, for the message
# the next caller gets. Taking it again in the same session only updates that record.
param(
    [Parameter(Mandatory = $true)] [string] $Command,
    [string] $RecoveryId = '',
    [string] $JournalPath = '',
    [int] $CorePid = 0,
    [string] $CoreHost = '',
    [string] $User = ''
)

$folder = Get-AADSyncKeyServerFolder
# The records a change relies on are sound, or the change is refused before the lock is taken (ServerRecordCorrupt).
Assert-AADSyncKeyServerRecords -Folder $folder
$lockPath = Join-Path $folder 'server.lock'
$holderPath = Join-Path $folder 'server.lock.json'
$holder = [ordered]@{
    command = $Command; recoveryId = $RecoveryId; journalPath = $JournalPath; corePid = $CorePid; coreHost = $CoreHost
    user = $User; sessionPid = $PID; sessionHost = [Environment]::MachineName; since = [datetime]::UtcNow.ToString('o')
}

if ($null -eq $global:AADSyncKeyServerLock) {
    try {
        $global:AADSyncKeyServerLock = [System.IO.File]::Open($lockPath, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
        Protect-AADSyncKeyServerFile -Path $lockPath
    }
    catch {
        # Held by another process: report who, as far as its record says (it may be a moment behind the lock).
        $current = $null
        try { $current = Get-Content -LiteralPath $holderPath -Raw -ErrorAction Stop | ConvertFrom-Json } catch { $current = $null }
        return [pscustomobject]@{ acquired = $false; lockPath = $lockPath; holder = $current }
    }
}
Write-AADSyncKeyServerRecord -Path $holderPath -Record $holder
[pscustomobject]@{ acquired = $true; lockPath = $lockPath; holder = [pscustomobject]$holder }
