# The cases of the server-surface part of test/integration/preflight.test.ts, in one pwsh: a server's surface
# exported to a file, and a simulator rebuilt from it. Servers live under -Root.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$surfaceFile = Join-Path $Root 'surface.json'
$null = New-SimADSyncServer -Path (Get-Server 'original') -Scenario Healthy -Build '2.4.129.0'
Set-SimCapability -Name AddConnectorCredentialParameter -Present $false
Set-SimCapability -Name RegistryProductVersion -Present $false
Invoke-Case 'state' (Get-Server 'original') { Get-AADSyncServerState | Select-Object Build, BuildSource }
Invoke-Case 'export' (Get-Server 'original') { Export-AADSyncServerSurface -Path $surfaceFile -Confirm:$false }
Invoke-Case 'exportAgain' (Get-Server 'original') { Export-AADSyncServerSurface -Path $surfaceFile -Confirm:$false }
$null = New-SimADSyncServer -Path (Get-Server 'rebuilt') -Scenario Healthy -Surface $surfaceFile
Invoke-Case 'rebuilt' (Get-Server 'rebuilt') { (Test-AADSyncEncryptionKey -Detailed).Preflight | Where-Object { -not $_.Present } | ForEach-Object { "$($_.Command) -$($_.Parameter)" } }
Invoke-Case 'rebuiltBuild' (Get-Server 'rebuilt') { Get-AADSyncServerState | Select-Object Build, BuildSource }
$outcomes | ConvertTo-Json -Depth 8
