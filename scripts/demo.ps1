# The main job, on a simulated server: make a server that lost its encryption key after a service account
# password change, import the AADSyncKey module, show what it sees, and diagnose it. (Later issues grow this into the full
# diagnosis and recovery.)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$statePath = Join-Path ([System.IO.Path]::GetTempPath()) ("aadsynckey-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8))

Import-Module (Join-Path $root 'src/simulator/AADSyncSim/AADSyncSim.psd1')
$server = New-SimADSyncServer -Path $statePath -Scenario KeyLost -ForestCount 2
Remove-Module AADSyncSim
Write-Host "Simulated server with a lost key: $($server.Path) (forests: $($server.Forests -join ', '))"

# The module works on the simulated server whose state folder this variable names; without it, on this server.
$env:AADSYNCKEY_SIMULATOR = $statePath
Import-Module (Join-Path $root 'psmodule/AADSyncKey.psd1') -Force

Write-Host "`nGet-AADSyncServerState"
$state = Get-AADSyncServerState
$state | Format-Table -AutoSize | Out-Host
$state | Format-List ComputerName, Build, InstallLocation, ServiceStatus, ServiceAccount, ExitCode, ServiceSpecificExitCode, LastServiceStart, ConnectorsUnavailableReason | Out-Host
Write-Host 'Key-related events since the service last started:'
$state.Events | Format-Table Id, LogName, TimeCreated, Message -Wrap -AutoSize | Out-Host

Write-Host 'Test-AADSyncEncryptionKey -Detailed'
Test-AADSyncEncryptionKey -Detailed | Format-List | Out-Host
Write-Host "Test-AADSyncEncryptionKey: $(Test-AADSyncEncryptionKey)"

Remove-Module AADSyncKey
Remove-Item -LiteralPath $statePath -Recurse -Force
