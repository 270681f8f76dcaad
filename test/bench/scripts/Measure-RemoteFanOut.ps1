# Warm diagnoses of 1, 2 and 4 servers of -ConfigPath in one call, -Rounds rounds in turn after ten warm-up calls
# that reach every server (each pwsh, here and there, has compiled what it runs and settled).
param(
    [Parameter(Mandatory = $true)] [string] $ConfigPath,
    [Parameter(Mandatory = $true)] [int] $Rounds
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'RemoteBench.ps1')
$counts = 1, 2, 4
$times = @{}
foreach ($count in $counts) { $times["$count"] = New-Object System.Collections.Generic.List[double] }
$all = Get-RemoteParameter $servers
1..10 | ForEach-Object { $null = Test-AADSyncEncryptionKey @all -Detailed }
foreach ($round in 1..$Rounds) {
    foreach ($count in $counts) {
        $chosen = Get-RemoteParameter $servers[0..($count - 1)]
        $w = [Diagnostics.Stopwatch]::StartNew(); $null = Test-AADSyncEncryptionKey @chosen -Detailed; $times["$count"].Add($w.Elapsed.TotalMilliseconds)
    }
}
$times | ConvertTo-Json
