# One recovery of the simulated server at -Path through the module, timed around the cmdlet after a warm-up call.
param(
    [Parameter(Mandatory = $true)] [string] $Path,
    [Parameter(Mandatory = $true)] [int] $ForestCount
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCredential.ps1')
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$env:AADSYNCKEY_SIMULATOR = $Path
$env:AADSYNCKEY_DATA_DIR = Join-Path $Path 'data'
$null = Test-AADSyncEncryptionKey
$map = @{}; foreach ($name in Get-BenchForestName $ForestCount) { $map[$name] = $forestCredential }
$watch = [Diagnostics.Stopwatch]::StartNew()
$result = Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $map -Confirm:$false
$watch.Stop()
@{ ms = $watch.Elapsed.TotalMilliseconds; outcome = [string]$result.Outcome } | ConvertTo-Json
