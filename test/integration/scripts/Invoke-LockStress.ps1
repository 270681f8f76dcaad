# Takes and gives back the server lock in a loop for -Seconds, with the session's own lock scripts, and counts
# how often another holder was inside at the same time (a marker file only one holder may create).
param(
    [Parameter(Mandatory = $true)] [string] $ProgramData,
    [Parameter(Mandatory = $true)] [string] $Marker,
    [int] $Seconds = 8
)
$ErrorActionPreference = 'Stop'
$scripts = Join-Path $PSScriptRoot '../../../src/powershell/scripts'
. (Join-Path $scripts '../SessionHost.ps1')
$env:ProgramData = $ProgramData
$deadline = [datetime]::UtcNow.AddSeconds($Seconds)
$acquired = 0; $refused = 0; $overlaps = 0
while ([datetime]::UtcNow -lt $deadline) {
    $answer = & (Join-Path $scripts 'Enter-ServerLock.ps1') -Command 'stress' -CorePid $PID -CoreHost 'stress' -User 'stress'
    if (-not $answer.acquired) { $refused++; continue }
    $acquired++
    try { ([System.IO.File]::Open($Marker, 'CreateNew', 'Write', 'None')).Dispose() } catch { $overlaps++ }
    Start-Sleep -Milliseconds (Get-Random -Maximum 3)
    Remove-Item -LiteralPath $Marker -Force -ErrorAction SilentlyContinue
    $null = & (Join-Path $scripts 'Exit-ServerLock.ps1')
}
@{ acquired = $acquired; refused = $refused; overlaps = $overlaps } | ConvertTo-Json -Compress
