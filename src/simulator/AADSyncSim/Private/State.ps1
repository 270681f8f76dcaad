# Reading and writing the simulated server's state folder.

function Get-SimRoot {
    if ([string]::IsNullOrEmpty($script:SimRoot)) {
        throw [System.InvalidOperationException]::new('No simulated server is connected; run Connect-SimADSyncServer -Path <state folder> first.')
    }
    $script:SimRoot
}

function Get-SimStateFile { Join-Path (Get-SimRoot) 'state.json' }

function Get-SimInstallLocation { Join-Path (Get-SimRoot) 'Program Files/Microsoft Azure AD Sync' }

function Read-SimStateFile {
    param([Parameter(Mandatory)] [string] $Path)
    # -DateKind String keeps timestamps as the ISO text they were written as.
    Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json -AsHashtable -DateKind String
}

function Write-SimStateFile {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] $State)
    # Write then rename, so a process killed mid-write leaves the old state, never half a file.
    $temporary = "$Path.$PID.tmp"
    Set-Content -LiteralPath $temporary -Value (ConvertTo-Json -InputObject $State -Depth 20) -Encoding utf8NoBOM
    # In one step (Move-Item -Force deletes the destination first, and a reader that polls would find no state).
    [System.IO.File]::Move($temporary, $Path, $true)
}

function Read-SimState { Read-SimStateFile -Path (Get-SimStateFile) }

# Runs $Change on the state under an exclusive lock file and saves what it leaves; returns its output.
function Update-SimState {
    param([Parameter(Mandatory)] [scriptblock] $Change)
    $lockPath = Join-Path (Get-SimRoot) 'state.lock'
    $lock = $null
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($null -eq $lock) {
        try {
            $lock = [System.IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None')
        }
        catch [System.IO.IOException] {
            if ([DateTime]::UtcNow -gt $deadline) { throw }
            Start-Sleep -Milliseconds 20
        }
    }
    try {
        $state = Read-SimState
        $result = & $Change $state
        Write-SimStateFile -Path (Get-SimStateFile) -State $state
        $result
    }
    finally {
        $lock.Dispose()
    }
}

function Get-SimNow { [DateTime]::UtcNow.ToString('o') }

function Add-SimEvent {
    param(
        [Parameter(Mandatory)] $State,
        [Parameter(Mandatory)] [ValidateSet('Application', 'System')] [string] $LogName,
        [Parameter(Mandatory)] [int] $Id,
        [Parameter(Mandatory)] [string] $Message,
        [ValidateSet('Error', 'Warning', 'Information')] [string] $Level = 'Error',
        [string] $ProviderName,
        # Named event data (param1, param2, ...) and binary data as hex, as the event's XML holds them.
        [System.Collections.IDictionary] $Data,
        [string] $Binary
    )
    if (-not $ProviderName) {
        $ProviderName = if ($LogName -eq 'System') { 'Service Control Manager' } else { 'ADSync' }
    }
    $State.nextRecordId = [long]$State.nextRecordId + 1
    $State.events += , @{
        recordId     = $State.nextRecordId
        logName      = $LogName
        id           = $Id
        providerName = $ProviderName
        level        = $Level
        timeCreated  = Get-SimNow
        message      = $Message
        data         = $(if ($Data) { $Data } else { [ordered]@{} })
        binary       = $Binary
    }
}

# Salted SHA-256 of a password: the state folder holds no password in any readable form.
function New-SimPasswordHash {
    param([Parameter(Mandatory)] [securestring] $Password, [string] $Salt = [guid]::NewGuid().ToString('N'))
    $plain = [System.Net.NetworkCredential]::new('', $Password).Password
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($Salt + $plain)
    @{ salt = $Salt; hash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes)) }
}

function Test-SimPassword {
    param([Parameter(Mandatory)] [securestring] $Password, $Expected)
    if ($null -eq $Expected) { return $false }
    (New-SimPasswordHash -Password $Password -Salt $Expected.salt).hash -eq $Expected.hash
}

function New-SimRandomPasswordHash {
    $random = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(24)
    @{ salt = [guid]::NewGuid().ToString('N'); hash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($random)) }
}
