# The module's about topic, and which of the related links on standard input (one a line) Get-Help cannot resolve.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$links = @([Console]::In.ReadToEnd() -split "`n" | Where-Object { $_ })
$unresolved = @($links | Where-Object { $null -eq (Get-Help $_ -ErrorAction SilentlyContinue) })
[pscustomobject]@{ about = (Get-Help about_AADSyncKey | Out-String); unresolvedLinks = $unresolved } | ConvertTo-Json
