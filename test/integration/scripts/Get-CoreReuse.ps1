# The module's core across calls in one PowerShell session: the process id of the first and the second call, and
# whether that process outlives Remove-Module. -Server is a simulated server.
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
$env:AADSYNCKEY_SIMULATOR = $Server
$module = Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1') -PassThru
$null = Get-AADSyncServerState
$first = & $module { Get-AADSyncKeyCoreProcessId }
$null = Get-AADSyncServerState
$second = & $module { Get-AADSyncKeyCoreProcessId }
Remove-Module AADSyncKey
Start-Sleep -Milliseconds 500
[pscustomobject]@{ first = $first; second = $second; afterRemove = ($null -ne (Get-Process -Id $first -ErrorAction SilentlyContinue)) } | ConvertTo-Json
