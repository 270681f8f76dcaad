# Builds simulated servers whose key is lost, with contoso.com and fabrikam.com, for the tests that run recoveries in
# processes of their own. One server at -Path, or many from -ListFile (a JSON array of { path, slowCommand }).
# A slow command, 'Command=DelayMs', makes that simulated command slow, to give a test a window inside a step;
# 'Command=held' holds it until the test clears the server's faults (Set-TestFault.ps1 -Clear). A list entry may
# also give armFile (the fault acts once that file exists) and releaseFile (a held fault also ends when it appears).
# The passwords arrive on standard input (see New-TestCredentialSet).
param(
    [string] $Path,
    [string] $SlowCommand,
    [string] $ListFile
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$set = New-TestCredentialSet (Read-TestSecret)
$servers = if ($ListFile) { @(Get-Content -Raw -LiteralPath $ListFile | ConvertFrom-Json) } else { @([pscustomobject]@{ path = $Path; slowCommand = $SlowCommand }) }
foreach ($server in $servers) {
    $null = New-SimADSyncServer -Path $server.path -Scenario KeyLost -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $set.Forests -GlobalAdminCredential $set.GlobalAdmin
    if ($server.slowCommand) {
        $command, $delay = $server.slowCommand.Split('=')
        $signals = @{}
        if ($server.PSObject.Properties['armFile'] -and $server.armFile) { $signals.ArmFile = $server.armFile }
        if ($server.PSObject.Properties['releaseFile'] -and $server.releaseFile) { $signals.ReleaseFile = $server.releaseFile }
        if ($delay -eq 'held') { Set-SimFault -Command $command -Mode held @signals }
        else { Set-SimFault -Command $command -Mode slow -DelayMs ([int]$delay) }
    }
}
'{}'
