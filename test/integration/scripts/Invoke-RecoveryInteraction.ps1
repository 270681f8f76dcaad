# What the administrator sees and answers while a recovery runs (test/integration/recovery-interaction.test.ts):
# a recovery under -Confirm answered on standard input, and the progress records of another. Servers live under
# -Root. Standard input holds -SecretCount passwords (the connector accounts of contoso.com and fabrikam.com, the
# Global Administrator), then the answers to the prompts. The facts follow a marker line, after the prompts.
param(
    [Parameter(Mandatory = $true)] [string] $Root,
    [Parameter(Mandatory = $true)] [int] $SecretCount
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$manifest = Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1'
$secrets = @(1..$SecretCount | ForEach-Object { [Console]::In.ReadLine() })
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]); 'fabrikam.com' = (New-TestCredential 'FABRIKAM\MSOL_fabrikam' $secrets[1]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[2]
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
foreach ($name in 'confirm', 'progress') {
    $null = New-SimADSyncServer -Path (Join-Path $Root $name) -Scenario KeyLost -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
}
function Get-ServerFacts([string] $Path) {
    Connect-SimADSyncServer -Path $Path
    $state = Get-SimADSyncState
    @{ service = [string]$state.service.status; keyState = [string]$state.key.state; abandonCount = [int]$state.key['abandonCount'] }
}
function Get-RunView($Result) {
    @{ Outcome = [string]$Result.Outcome; StoppedAt = $Result.StoppedAt; KeyAbandonCount = [int]$Result.KeyAbandonCount; Steps = @($Result.Steps | ForEach-Object { @{ Step = $_.Step; Status = $_.Status } }) }
}
$env:AADSYNCKEY_DATA_DIR = (Join-Path $Root 'data')
Import-Module $manifest

# -Confirm: the answers come from standard input, one per prompt, as typed at a console.
$env:AADSYNCKEY_SIMULATOR = (Join-Path $Root 'confirm')
$declined = Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm
$afterDecline = Get-ServerFacts (Join-Path $Root 'confirm')
$rerun = Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false
$afterRerun = Get-ServerFacts (Join-Path $Root 'confirm')
$afterRerun.healthy = [bool](Test-AADSyncEncryptionKey)

# Progress records are not a redirectable stream: a nested PowerShell keeps them in Streams.Progress.
$env:AADSYNCKEY_SIMULATOR = (Join-Path $Root 'progress')
$ps = [powershell]::Create()
$null = $ps.AddScript({
    param($Manifest, $AADCredential, $ConnectorCredential)
    Import-Module $Manifest
    Invoke-AADSyncKeyRecovery -AADCredential $AADCredential -ConnectorCredential $ConnectorCredential -Confirm:$false
}).AddArgument($manifest).AddArgument($globalAdmin).AddArgument($forests)
$progressResult = @($ps.Invoke())[0]
$progress = @($ps.Streams.Progress | ForEach-Object {
    @{ activity = $_.Activity; status = $_.StatusDescription; percent = $_.PercentComplete; operation = $_.CurrentOperation; completed = ([string]$_.RecordType -eq 'Completed') }
})
$ps.Dispose()

# The prompts are on standard output too: the facts follow a marker line.
'--- facts ---'
@{
    declined = (Get-RunView $declined)
    afterDecline = $afterDecline
    rerun = (Get-RunView $rerun)
    afterRerun = $afterRerun
    progress = $progress
    progressOutcome = [string]$progressResult.Outcome
} | ConvertTo-Json -Depth 6
