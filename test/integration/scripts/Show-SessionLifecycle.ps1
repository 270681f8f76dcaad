# What -Verbose shows of the core's PowerShell session: its start on the first call, its end when a call runs
# over its time limit, and its restart on the next call. Writes one JSON document.
param([Parameter(Mandatory = $true)] [string] $Server, [Parameter(Mandatory = $true)] [string] $DataFolder)
$ErrorActionPreference = 'Stop'
$env:AADSYNCKEY_SIMULATOR = $Server
$env:AADSYNCKEY_DATA_DIR = $DataFolder
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
function Get-VerboseText([scriptblock] $Call) {
    $records = @(& $Call 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
    @($records | ForEach-Object { $_.Message })
}
$first = Get-VerboseText { Get-AADSyncServerState -Verbose }
Connect-SimADSyncServer -Path $Server
Set-SimFault -Command Get-CimInstance -Mode hang
$hung = New-Object System.Collections.Generic.List[string]
try { Get-AADSyncServerState -TimeoutSeconds 5 -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $hung.Add($_.Message) } } }
catch { $errorId = $_.FullyQualifiedErrorId }
Clear-SimFault
$after = Get-VerboseText { Get-AADSyncServerState -Verbose }
$quiet = @(Get-AADSyncServerState 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count
[pscustomobject]@{ first = $first; hung = $hung.ToArray(); errorId = $errorId; after = $after; quiet = $quiet } | ConvertTo-Json -Depth 4
