# The first call in a new pwsh, which starts the core and its session: Test-AADSyncEncryptionKey -Detailed.
# -Manifest is the module to import: the checkout's by default, or a package's.
param(
    [Parameter(Mandatory = $true)] [string] $Path,
    [string] $Manifest = (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$env:AADSYNCKEY_SIMULATOR = $Path
$env:AADSYNCKEY_DATA_DIR = Join-Path $Path 'data'
$w = [Diagnostics.Stopwatch]::StartNew()
$null = Test-AADSyncEncryptionKey -Detailed
@{ ms = $w.Elapsed.TotalMilliseconds } | ConvertTo-Json
