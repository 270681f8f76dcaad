# The cases of test/integration/start-service.test.ts, in one pwsh: Start-AADSyncService against servers whose
# sync engine is busy, slow to start a cycle, or never starts one. The test built the other servers under -Root;
# this script builds those whose timing matters just before it calls them.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
# A cycle that still runs when the module is called.
New-SimADSyncServer -Path (Join-Path $Root 'busy') -SyncCycleDurationMs 5000 | Out-Null
Start-ADSyncSyncCycle | Out-Null
# An engine that answers busy twice, a cycle that starts 2.5 s after the call returns, and one that never starts.
New-SimADSyncServer -Path (Join-Path $Root 'aadBusy') -ForestCount 2 | Out-Null
Set-SimFault -Command Start-ADSyncSyncCycle -Mode busy -Times 2 -Message 'Connector: contoso.onmicrosoft.com - AAD is busy.'
New-SimADSyncServer -Path (Join-Path $Root 'lateStart') -ForestCount 2 -SyncCycleStartDelayMs 2500 | Out-Null
New-SimADSyncServer -Path (Join-Path $Root 'neverStarts') -ForestCount 2 | Out-Null
Set-SimFault -Command Start-ADSyncSyncCycle -Mode noop
# A healthy server whose runs end as real ones do: nothing to import, warnings, sync and export errors; and one whose
# domain controller is down, and one whose Azure AD connector cannot sign in (Delta Import only).
New-SimADSyncServer -Path (Join-Path $Root 'realistic') -ForestCount 2 -SyncCycleDurationMs 2000 | Out-Null
Set-SimRunResult -Connector '*' -RunProfile 'Delta Import' -Result 'completed-no-objects'
Set-SimRunResult -Connector 'contoso.com' -RunProfile 'Delta Synchronization' -Result 'completed-warnings'
Set-SimRunResult -Connector '* - AAD' -RunProfile 'Delta Synchronization' -Result 'completed-sync-errors'
New-SimADSyncServer -Path (Join-Path $Root 'serverDown') -ForestCount 2 | Out-Null
Set-SimRunResult -Connector 'contoso.com' -RunProfile '*' -Result 'stopped-server-down'
Set-SimRunResult -Connector 'contoso.com' -RunProfile 'Delta Synchronization' -Result 'success'
New-SimADSyncServer -Path (Join-Path $Root 'aadRefused') | Out-Null
Set-SimRunResult -Connector '* - AAD' -RunProfile 'Delta Import' -Result 'stopped-extension-dll-exception'

Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$outcomes = [ordered]@{}
# Runs a call against the server named $Name; its output, or its error's id, category and message.
function Invoke-Call([string] $Name, [scriptblock] $Call) {
    $env:AADSYNCKEY_SIMULATOR = Join-Path $Root $Name
    $outcomes[$Name] = try { . $Call } catch { [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId.Split(',')[0]; Category = [string]$_.CategoryInfo.Category; Message = $_.Exception.Message } }
}
Invoke-Call 'busy' {
    $all = Start-AADSyncService -Confirm:$false -PassThru -Verbose 4>&1
    $result = $all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
    $waited = [bool]($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*already running*' })
    $result | Add-Member -NotePropertyName Waited -NotePropertyValue $waited -PassThru
}
Invoke-Call 'stopped' { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Call 'whatif' { Start-AADSyncService -WhatIf; [pscustomobject]@{ ServiceStatus = (Get-AADSyncServerState).ServiceStatus } }
Invoke-Call 'keyLost' { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Call 'logon' { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Call 'invalid' { Start-AADSyncService -Confirm:$false -PassThru -ErrorAction SilentlyContinue }
Invoke-Call 'quiet' { [pscustomobject]@{ Written = @(Start-AADSyncService -Confirm:$false).Count } }
Invoke-Call 'invalidQuiet' {
    $null = Start-AADSyncService -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
    [pscustomobject]@{ ErrorId = @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -join ',' }
}
# Start-AADSyncService -PassThru, with the ids and messages of the errors and warnings it wrote.
function Invoke-StartWithErrors {
    $result = Start-AADSyncService -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures -WarningAction SilentlyContinue -WarningVariable warned
    $result | Add-Member -NotePropertyName ErrorIds -NotePropertyValue @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -PassThru |
        Add-Member -NotePropertyName ErrorMessages -NotePropertyValue @($failures | ForEach-Object { $_.Exception.Message }) -PassThru |
        Add-Member -NotePropertyName WarningMessages -NotePropertyValue @($warned | ForEach-Object { [string]$_ }) -PassThru
}
Invoke-Call 'realistic' { Invoke-StartWithErrors }
Invoke-Call 'serverDown' { Invoke-StartWithErrors }
Invoke-Call 'aadRefused' { Invoke-StartWithErrors }
Invoke-Call 'aadBusy' { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Call 'lateStart' { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Call 'neverStarts' { Start-AADSyncService -Confirm:$false -PassThru -TimeoutSeconds 5 -WarningAction SilentlyContinue }
$outcomes | ConvertTo-Json -Depth 5
