# The module's core across calls in one PowerShell session, against the simulated server -Server. -Then says what
# happens after the first call: another call and Remove-Module (does the core outlive the module?), or a kill of the
# core and another call (is it started again?). Writes the process ids of the first and second call and the answer.
param(
    [Parameter(Mandatory = $true)] [string] $Server,
    [Parameter(Mandatory = $true)] [ValidateSet('RemoveModule', 'KillCore')] [string] $Then
)
$ErrorActionPreference = 'Stop'
$env:AADSYNCKEY_SIMULATOR = $Server
$module = Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1') -PassThru
$null = Get-AADSyncServerState
$first = & $module { Get-AADSyncKeyCoreProcessId }
if ($Then -eq 'RemoveModule') {
    $null = Get-AADSyncServerState
    $second = & $module { Get-AADSyncKeyCoreProcessId }
    Remove-Module AADSyncKey
    Start-Sleep -Milliseconds 500
    [pscustomobject]@{ first = $first; second = $second; afterRemove = ($null -ne (Get-Process -Id $first -ErrorAction SilentlyContinue)) } | ConvertTo-Json
}
else {
    Stop-Process -Id $first -Force
    Start-Sleep -Milliseconds 300
    $state = Get-AADSyncServerState
    $second = & $module { Get-AADSyncKeyCoreProcessId }
    [pscustomobject]@{ first = $first; second = $second; status = [string]$state.ServiceStatus } | ConvertTo-Json
}
