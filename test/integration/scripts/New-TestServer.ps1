# Builds simulated servers for a test through the simulator's own command, in one pwsh, and writes what it reported
# for each. The specs arrive as a JSON array on standard input (names may hold any character), each with a path
# and optionally scenario, forestCount, forestNames, build, language, serverName, and noise (log other services' and
# providers' events with the same ids beside ADSync's).
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$servers = foreach ($spec in @([Console]::In.ReadToEnd() | ConvertFrom-Json)) {
    $arguments = @{ Path = $spec.path }
    if ($null -ne $spec.scenario) { $arguments.Scenario = @($spec.scenario) }
    if ($null -ne $spec.forestCount) { $arguments.ForestCount = [int]$spec.forestCount }
    if ($null -ne $spec.forestNames) { $arguments.ForestName = @($spec.forestNames) }
    if ($null -ne $spec.build) { $arguments.Build = $spec.build }
    if ($null -ne $spec.language) { $arguments.Language = $spec.language }
    if ($null -ne $spec.serverName) { $arguments.ServerName = $spec.serverName }
    New-SimADSyncServer @arguments
    if ($spec.noise -eq $true) { Add-SimEventNoise }
}
ConvertTo-Json -InputObject @($servers) -Depth 5
