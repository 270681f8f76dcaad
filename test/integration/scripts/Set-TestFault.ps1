# Switches a fault of a simulated server on (-Command, -Mode, -DelayMs for 'slow'), or all of them off (-Clear).
param(
    [Parameter(Mandatory = $true)] [string] $Server,
    [string] $Command,
    [string] $Mode,
    [int] $DelayMs = 0,
    [switch] $Clear
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Connect-SimADSyncServer -Path $Server
if ($Clear) { Clear-SimFault }
elseif ($Mode -eq 'slow') { Set-SimFault -Command $Command -Mode slow -DelayMs $DelayMs }
else { Set-SimFault -Command $Command -Mode $Mode }
'{}'
