# CaseHarness.ps1: dot-sourced by the integration tests' case scripts (*.Cases.ps1). Imports the simulator and the
# module, reads the passwords the test wrote on standard input into $secrets, and defines New-TestCredential,
# Get-Server (a server folder under -Root; the data folder is -Root/data) and Invoke-Case, which runs a block against
# one simulated server and records its output or ErrorRecord, its verbose and warning messages, and whether the
# server's state file changed. The outcomes collect in $outcomes; a script ends with `$outcomes | ConvertTo-Json -Depth 8`.
param([Parameter(Mandatory = $true)] [string] $Root)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$env:AADSYNCKEY_DATA_DIR = Join-Path $Root 'data'

. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$secrets = Read-TestSecret
function Get-Server([string] $Name) { Join-Path $Root $Name }

$outcomes = [ordered]@{}
$PSStyle.OutputRendering = 'PlainText'

function Invoke-Case([string] $Name, [string] $Server, [scriptblock] $Body) {
    $env:AADSYNCKEY_SIMULATOR = $Server
    $stateFile = Join-Path $Server 'state.json'
    $before = (Get-FileHash -LiteralPath $stateFile).Hash
    $outcome = [ordered]@{ ok = $true; output = $null }
    $verbose = New-Object System.Collections.Generic.List[string]
    $warnings = New-Object System.Collections.Generic.List[string]
    # Streamed, so the warnings and verbose records written before a terminating error are kept too.
    $all = New-Object System.Collections.Generic.List[object]
    try {
        & $Body 4>&1 3>&1 | ForEach-Object { $all.Add($_) }
        $outcome.output = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
    }
    catch {
        $outcome.ok = $false
        $outcome.errorId = $_.FullyQualifiedErrorId.Split(',')[0]
        $outcome.category = [string]$_.CategoryInfo.Category
        $outcome.message = $_.Exception.Message
        $outcome.target = [string]$_.TargetObject
        if ($_.ErrorDetails) { $outcome.recommendedAction = $_.ErrorDetails.RecommendedAction }
    }
    foreach ($record in @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })) { $verbose.Add($record.Message) }
    foreach ($record in @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })) { $warnings.Add($record.Message) }
    $outcome.stateChanged = $before -ne (Get-FileHash -LiteralPath $stateFile).Hash
    Connect-SimADSyncServer -Path $Server
    $state = Get-SimADSyncState
    $outcome.keyState = $state.key.state
    $outcome.keyGeneration = $state.key.generation
    $outcome.serviceStatus = $state.service.status
    $outcome.abandonCount = [int]$state.key['abandonCount']
    $outcome.verbose = $verbose.ToArray()
    $outcome.warnings = $warnings.ToArray()
    $outcomes[$Name] = $outcome
}
