# A warm remote Test-AADSyncEncryptionKey -Detailed against its baseline: the session's Get-ServerState.ps1 run with
# Invoke-Command in an open PSSession to the same server (the first of -ConfigPath), -Iterations times each.
param(
    [Parameter(Mandatory = $true)] [string] $ConfigPath,
    [int] $Iterations = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'RemoteBench.ps1')
$remote = Get-RemoteParameter $servers[0]
$sessionParameters = @{ HostName = $servers[0].hostName; Port = $remote.Port; UserName = $remote.UserName; KeyFilePath = $remote.KeyFilePath; Options = $remote.Options }
$session = New-PSSession @sessionParameters
Invoke-Command -Session $session { Import-Module AADSyncSim; Connect-SimADSyncServer -Path $env:AADSYNCKEY_SIMULATOR }
$script = Join-Path $PSScriptRoot '../../../src/powershell/scripts/Get-ServerState.ps1'
1..3 | ForEach-Object { $null = Test-AADSyncEncryptionKey @remote -Detailed; $null = Invoke-Command -Session $session -FilePath $script }
$ours = New-Object System.Collections.Generic.List[double]
$direct = New-Object System.Collections.Generic.List[double]
foreach ($i in 1..$Iterations) {
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Test-AADSyncEncryptionKey @remote -Detailed; $ours.Add($w.Elapsed.TotalMilliseconds)
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Invoke-Command -Session $session -FilePath $script; $direct.Add($w.Elapsed.TotalMilliseconds)
}
Remove-PSSession $session
@{ ours = $ours; direct = $direct } | ConvertTo-Json
