# A key-lost simulated server with -ForestCount forests, for the benchmark; writes what New-SimADSyncServer reports.
param(
    [Parameter(Mandatory = $true)] [string] $Path,
    [Parameter(Mandatory = $true)] [int] $ForestCount,
    [string] $ServerName = 'AADC01'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCredential.ps1')
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$names = Get-BenchForestName $ForestCount
$map = @{}; foreach ($name in $names) { $map[$name] = $forestCredential }
New-SimADSyncServer -Path $Path -ServerName $ServerName -Scenario KeyLost -ForestName $names -ForestCredential $map -GlobalAdminCredential $globalAdmin | ConvertTo-Json -Depth 4
