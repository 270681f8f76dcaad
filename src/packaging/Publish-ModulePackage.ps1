# Publishes a module folder as a .nupkg into a folder repository with PSResourceGet (in PowerShell 7.4 and later).
# Run by src/packaging/publish-package.ts in a pwsh whose HOME is a scratch folder, so the repository registration
# touches no administrator's own PSResourceGet settings.
param(
    [Parameter(Mandatory = $true)] [string] $ModuleFolder,
    [Parameter(Mandatory = $true)] [string] $Repository
)
$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Path $Repository -Force
$manifest = Test-ModuleManifest -Path (Join-Path $ModuleFolder 'AADSyncKey.psd1')
Register-PSResourceRepository -Name AADSyncKeyBuild -Uri $Repository -Trusted -Force
try { Publish-PSResource -Path $ModuleFolder -Repository AADSyncKeyBuild -SkipDependenciesCheck }
finally { Unregister-PSResourceRepository -Name AADSyncKeyBuild }
$package = Join-Path $Repository ("AADSyncKey.{0}.nupkg" -f $manifest.Version)
if (-not (Test-Path -LiteralPath $package)) { throw "Publish-PSResource made no $package." }
$package
