# What an administrator sees of the module itself: its commands against its manifest, the help of one cmdlet, and
# when its views load (with the first output, not at import). -Server is a simulated server to call.
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
$manifestPath = Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1'
Import-Module $manifestPath
$help = Get-Help Get-AADSyncServerState -Full
$viewBefore = [bool](Get-FormatData -TypeName AADSyncKey.ServerState)
$env:AADSYNCKEY_SIMULATOR = $Server
$null = Get-AADSyncServerState
$manifest = Import-PowerShellDataFile $manifestPath
[pscustomobject]@{
    commands          = @(Get-Command -Module AADSyncKey | ForEach-Object Name)
    manifestFunctions = @($manifest.FunctionsToExport)
    helpHasExample    = [bool]($help.examples.example[0].code -like 'Get-AADSyncServerState*')
    helpSynopsis      = [string]$help.Synopsis
    helpExamples      = @($help.examples.example).Count
    viewBefore        = $viewBefore
    view              = [string](Get-FormatData -TypeName AADSyncKey.ServerState).FormatViewDefinition[0].Control.GetType().Name
} | ConvertTo-Json
