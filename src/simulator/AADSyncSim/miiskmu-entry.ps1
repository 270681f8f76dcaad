# Entry point of the simulated miiskmu.exe shim: connects to the state folder and exits with the tool's code.
param([Parameter(Mandatory)] [string] $StatePath, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
Import-Module (Join-Path $PSScriptRoot 'AADSyncSim.psd1')
Connect-SimADSyncServer -Path $StatePath
# An error the tool cannot handle ends it with a non-zero exit (7), as a failing program would; without the catch
# PowerShell would end only the statement and exit 0.
try { $code = Invoke-SimMiiskmu -Arguments $Arguments }
catch { [Console]::Out.WriteLine("The operation encountered an error and cannot be completed. Error: $($_.Exception.Message)"); exit 7 }
exit $code
