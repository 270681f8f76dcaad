# Get-AADSyncServerState of every simulated server under -Root (one a folder), keyed by folder name, with the
# object's type names and the warnings it wrote.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$states = [ordered]@{}
foreach ($server in Get-ChildItem -LiteralPath $Root -Directory | Sort-Object Name) {
    $env:AADSYNCKEY_SIMULATOR = $server.FullName
    $warnings = $null
    $state = Get-AADSyncServerState -WarningVariable warnings -WarningAction SilentlyContinue
    $state | Add-Member -NotePropertyName TypeNames -NotePropertyValue @($state.PSObject.TypeNames)
    $state | Add-Member -NotePropertyName Warnings -NotePropertyValue @($warnings | ForEach-Object { $_.Message })
    $states[$server.Name] = $state
}
$states | ConvertTo-Json -Depth 6
