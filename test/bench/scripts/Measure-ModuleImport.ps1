# Import-Module AADSyncKey against an empty manifest module (-EmptyManifest), -Repeats times each, turn about.
param(
    [Parameter(Mandatory = $true)] [string] $EmptyManifest,
    [Parameter(Mandatory = $true)] [int] $Repeats
)
$ErrorActionPreference = 'Stop'
$manifest = Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1'
$ours = @(); $empty = @()
1..$Repeats | ForEach-Object {
    $ours += (Measure-Command { Import-Module $manifest -Force }).TotalMilliseconds
    Remove-Module AADSyncKey
    $empty += (Measure-Command { Import-Module $EmptyManifest -Force }).TotalMilliseconds
    Remove-Module Empty
}
@{ ours = $ours; empty = $empty } | ConvertTo-Json
