# Builds a simulated server for a test through the simulator's own command and writes what it reported. The spec
# arrives as JSON on standard input (names may hold any character): path, and optionally scenario, forestCount,
# forestNames, build, language, and noise (log other services' and providers' events with the same ids beside
# ADSync's).
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$spec = [Console]::In.ReadToEnd() | ConvertFrom-Json
$arguments = @{ Path = $spec.path }
if ($null -ne $spec.scenario) { $arguments.Scenario = @($spec.scenario) }
if ($null -ne $spec.forestCount) { $arguments.ForestCount = [int]$spec.forestCount }
if ($null -ne $spec.forestNames) { $arguments.ForestName = @($spec.forestNames) }
if ($null -ne $spec.build) { $arguments.Build = $spec.build }
if ($null -ne $spec.language) { $arguments.Language = $spec.language }
$server = New-SimADSyncServer @arguments
if ($spec.noise -eq $true) { Add-SimEventNoise }
$server | ConvertTo-Json -Depth 5
