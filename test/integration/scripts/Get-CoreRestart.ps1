# The module's core killed between two calls: the process ids before and after, and what the second call read.
# -Server is a simulated server.
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
$env:AADSYNCKEY_SIMULATOR = $Server
$module = Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1') -PassThru
$null = Get-AADSyncServerState
$first = & $module { Get-AADSyncKeyCoreProcessId }
Stop-Process -Id $first -Force
Start-Sleep -Milliseconds 300
$state = Get-AADSyncServerState
$second = & $module { Get-AADSyncKeyCoreProcessId }
[pscustomobject]@{ first = $first; second = $second; status = [string]$state.ServiceStatus } | ConvertTo-Json
