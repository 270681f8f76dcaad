# One call to the first -Count servers of -ConfigPath, cold (this PowerShell's first: the core starts and connects
# to each server), then -Rounds warm calls (and this side's CPU time per warm call); then the resident memory of this side: the module's core and what it
# started (the hub's pwsh, an ssh per server), summed by kind, and their proportional share (PSS) in all.
param(
    [Parameter(Mandatory = $true)] [string] $ConfigPath,
    [Parameter(Mandatory = $true)] [int] $Count,
    [Parameter(Mandatory = $true)] [int] $Rounds
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'RemoteBench.ps1')
. (Join-Path $PSScriptRoot '../../integration/scripts/DescendantProcess.ps1')
$chosen = Get-RemoteParameter $servers[0..($Count - 1)]
$w = [Diagnostics.Stopwatch]::StartNew()
$answers = @(Test-AADSyncEncryptionKey @chosen -Detailed)
$cold = $w.Elapsed.TotalMilliseconds
if ($answers.Count -ne $Count) { throw "$($answers.Count) of $Count servers answered." }
# This side's CPU over the warm calls: on a real fleet each server works on its own machine, and this is what grows.
$cpuBefore = (Get-DescendantProcess | ForEach-Object { $_.cpuMs } | Measure-Object -Sum).Sum
$warm = foreach ($round in 1..$Rounds) {
    $w.Restart(); $null = Test-AADSyncEncryptionKey @chosen -Detailed; $w.Elapsed.TotalMilliseconds
}
$cpuPerCall = ((Get-DescendantProcess | ForEach-Object { $_.cpuMs } | Measure-Object -Sum).Sum - $cpuBefore) / $Rounds
$memory = @{ node = 0; pwsh = 0; ssh = 0 }
$proportional = 0
foreach ($process in Get-DescendantProcess) {
    $kind = if ($process.commandLine -match '^(\S*/)?ssh ') { 'ssh' } elseif ($process.commandLine -match 'node') { 'node' } else { 'pwsh' }
    $memory[$kind] += $process.rssKiB
    $proportional += $process.pssKiB
}
@{ coldMs = $cold; warmMs = @($warm); rssKiB = $memory; pssKiB = $proportional; cpuMsPerCall = $cpuPerCall } | ConvertTo-Json -Depth 4
