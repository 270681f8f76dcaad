# Installs AADSyncKey from a folder repository holding the built .nupkg, as an administrator would with
# PSResourceGet, imports it by name, and diagnoses and recovers a simulated server with the installed copy.
# Runs with a scratch HOME (the repository registration and the installed module land there) and a PATH without
# Node.js. The canary password arrives on standard input. Writes one JSON document.
param(
    [Parameter(Mandatory = $true)] [string] $Repository,
    [Parameter(Mandatory = $true)] [string] $WorkFolder
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$canary = [Console]::In.ReadLine()
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
function New-CanaryCredential([string] $User) { New-TestCredential $User $canary }
$result = @{ nodeOnPath = $null -ne (Get-Command node -CommandType Application -ErrorAction SilentlyContinue) }

Register-PSResourceRepository -Name AADSyncKeyTest -Uri $Repository -Trusted -Force
Install-PSResource -Name AADSyncKey -Repository AADSyncKeyTest -Scope CurrentUser -TrustRepository
$installed = Get-PSResource -Name AADSyncKey -Scope CurrentUser
$result.installedVersion = [string]$installed.Version
Import-Module AADSyncKey
$module = Get-Module AADSyncKey
$result.moduleBase = $module.ModuleBase
$result.manifestValid = $null -ne (Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'AADSyncKey.psd1'))
$result.projectUri = [string]$module.ProjectUri
$result.helpSynopsis = (Get-Help Invoke-AADSyncKeyRecovery).Synopsis
$result.aboutHelp = @(Get-Help about_AADSyncKey -ErrorAction SilentlyContinue).Count -gt 0

# The simulated server, made with the simulator the package carries.
Import-Module (Join-Path $module.ModuleBase 'core/simulator/AADSyncSim/AADSyncSim.psd1')
$state = Join-Path $WorkFolder 'server'
$null = New-SimADSyncServer -Path $state -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -GlobalAdminCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com')
$env:AADSYNCKEY_SIMULATOR = $state
$env:AADSYNCKEY_DATA_DIR = Join-Path $WorkFolder 'data'

$verbose = @(Test-AADSyncEncryptionKey -Detailed -Verbose 4>&1)
$result.coreChoice = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Starting the AADSyncKey core*' } | ForEach-Object { $_.Message })
$result.before = [string](@($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })[0].Status)
$recovery = Invoke-AADSyncKeyRecovery -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -Confirm:$false
$result.outcome = [string]$recovery.Outcome
$result.after = [bool](Test-AADSyncEncryptionKey)
$result.coreProcess = @(Get-Process | Where-Object { $_.Path -like '*aadsynckey-core*' } | ForEach-Object { $_.Path })
$result | ConvertTo-Json -Depth 5
