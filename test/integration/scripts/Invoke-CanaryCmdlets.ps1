# Every cmdlet that takes a credential, given the canary password (test/integration/cmdlet-canary.test.ts). The
# canary arrives on standard input, never in a script. Servers, the transcript and the streams' text go under -Root.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$server = Join-Path $Root 'server'
$lostServer = Join-Path $Root 'lost'
$canary = [Console]::In.ReadLine()
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
function New-CanaryCredential([string] $User) { New-TestCredential $User $canary }
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$null = New-SimADSyncServer -Path $server -ForestName 'contoso.com' -ForestCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -GlobalAdminCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com')
$null = New-SimADSyncServer -Path $lostServer -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -GlobalAdminCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com')
$env:AADSYNCKEY_SIMULATOR = $server
$env:AADSYNCKEY_DATA_DIR = (Join-Path $Root 'data')
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
Start-Transcript -LiteralPath (Join-Path $Root 'transcript.txt') | Out-Null
$VerbosePreference = 'Continue'
$log = New-Object System.Collections.Generic.List[string]
function Invoke-Logged([scriptblock] $Body) {
    try { & $Body *>&1 | ForEach-Object { $log.Add(($_ | Out-String)) } }
    catch { $log.Add(($_ | Out-String)); $log.Add($_.FullyQualifiedErrorId); $log.Add($_.Exception.Message); $log.Add([string]$_.ErrorDetails) }
}
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential (New-CanaryCredential 'CONTOSO\MSOL_c') -Confirm:$false -PassThru }
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -EnterpriseAdminCredential (New-CanaryCredential 'CONTOSO\ea') -Confirm:$false }
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'nosuch' -Credential (New-CanaryCredential 'CONTOSO\MSOL_c') -Confirm:$false }
Invoke-Logged { Reset-AADSyncAADServiceAccount -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -Confirm:$false }
Invoke-Logged { Reset-AADSyncAADServiceAccount -AADCredential (New-CanaryCredential 'someone@contoso.onmicrosoft.com') -Confirm:$false }
Invoke-Logged { Backup-AADSyncEncryptionKey -Path (Join-Path $Root 'keyset.bin') -Credential (New-CanaryCredential 'CONTOSO\AAD_svc') }
Invoke-Logged { Start-AADSyncService -Confirm:$false }
# The whole recovery, on a second server that lost its key: first with a wrong Global Administrator (it stops at
# that step and its error is logged), then resumed with the canary one.
$env:AADSYNCKEY_SIMULATOR = $lostServer
Invoke-Logged { Invoke-AADSyncKeyRecovery -AADCredential (New-CanaryCredential 'nobody@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -Confirm:$false -Verbose }
Invoke-Logged { Invoke-AADSyncKeyRecovery -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -Confirm:$false -Verbose }
Invoke-Logged { Get-AADSyncKeyRecoveryJournal | Format-List * }
Stop-Transcript | Out-Null
[IO.File]::WriteAllText((Join-Path $Root 'streams.txt'), ($log -join [Environment]::NewLine))
$global:Error | ForEach-Object { [Console]::Out.WriteLine(($_ | Out-String)) }
