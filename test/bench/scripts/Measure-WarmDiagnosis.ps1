# A warm Test-AADSyncEncryptionKey -Detailed against its baseline: the same PowerShell commands (the session's
# Get-ServerState.ps1) run directly in this already open pwsh, -Iterations times each, turn about.
param(
    [Parameter(Mandatory = $true)] [string] $Path,
    [int] $Iterations = 40
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$env:AADSYNCKEY_SIMULATOR = $Path
$env:AADSYNCKEY_DATA_DIR = Join-Path $Path 'data'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Connect-SimADSyncServer -Path $Path
$script = Join-Path $PSScriptRoot '../../../src/powershell/scripts/Get-ServerState.ps1'
1..3 | ForEach-Object { $null = Test-AADSyncEncryptionKey -Detailed; $null = & $script }
# Turn about, so that both sides see the same moments of a noisy machine.
$ours = New-Object System.Collections.Generic.List[double]
$direct = New-Object System.Collections.Generic.List[double]
foreach ($i in 1..$Iterations) {
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = Test-AADSyncEncryptionKey -Detailed; $ours.Add($w.Elapsed.TotalMilliseconds)
    $w = [Diagnostics.Stopwatch]::StartNew(); $null = & $script; $direct.Add($w.Elapsed.TotalMilliseconds)
}
@{ ours = $ours; direct = $direct } | ConvertTo-Json
