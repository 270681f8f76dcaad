# What a simulated server's own state says after a test: how often its key was abandoned, the key's state and
# the service's status.
param([Parameter(Mandatory = $true)] [string] $Path)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Connect-SimADSyncServer -Path $Path
$state = Get-SimADSyncState
@{ abandonCount = [int]$state.key['abandonCount']; keyState = $state.key.state; serviceStatus = $state.service.status } | ConvertTo-Json
