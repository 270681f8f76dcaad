# Entry point of the simulated miiskmu.exe shim: connects to the state folder and exits with the tool's code.
param([Parameter(Mandatory)] [string] $StatePath, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
Import-Module (Join-Path $PSScriptRoot 'AADSyncSim.psd1')
Connect-SimADSyncServer -Path $StatePath
exit (Invoke-SimMiiskmu -Arguments $Arguments)
