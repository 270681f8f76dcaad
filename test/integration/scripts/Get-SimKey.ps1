# A simulated server's key as the simulator keeps it: its state, generation and how often it was abandoned.
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Connect-SimADSyncServer -Path $Server
(Get-SimADSyncState).key | ConvertTo-Json -Depth 6 -Compress
