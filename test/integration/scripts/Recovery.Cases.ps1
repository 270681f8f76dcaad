# The cases of test/integration/recovery.test.ts, in one pwsh: Invoke-AADSyncKeyRecovery from a key-lost server
# to a healthy one, its refusals, -WhatIf and resumes. Servers live under -Root; the passwords arrive on standard
# input, one a line.
# -LiveHolderPid is a process that lives through the run (the test's own) and -HolderHost this machine's name, as the
# core writes it: the lock holder records of the lock cases.
param(
    [Parameter(Mandatory = $true)] [string] $Root,
    [Parameter(Mandatory = $true)] [int] $LiveHolderPid,
    [Parameter(Mandatory = $true)] [string] $HolderHost
)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
# The server-wide lock lives on the (simulated) server: its ProgramData folder, in its state folder.
function Get-LockFolder([string] $Name) { Join-Path (Get-Server $Name) 'ProgramData/AADSyncKey' }
function New-HolderRecord([int] $HolderPid) {
    [ordered]@{
        command = 'Invoke-AADSyncKeyRecovery'; recoveryId = '20261125T000000Z-abcdef'; journalPath = ''; corePid = $HolderPid
        coreHost = $HolderHost; user = 'someone'; sessionPid = $HolderPid; since = '2026-11-25T00:00:00Z'
    } | ConvertTo-Json -Compress
}
$contoso = New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]
$fabrikam = New-TestCredential 'FABRIKAM\MSOL_fabrikam' $secrets[1]
$tailspin = New-TestCredential 'TAILSPIN\MSOL_tailspin' $secrets[2]
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[3]
$wrong = New-TestCredential 'FABRIKAM\MSOL_fabrikam' 'an-old-password'
$wrongAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
$empty = New-Object System.Management.Automation.PSCredential ('CONTOSO\MSOL_contoso', (New-Object System.Security.SecureString))
$forests = @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'tailspin.com' = $tailspin }
function New-Server([string] $Path, [string[]] $Scenario) {
    $null = New-SimADSyncServer -Path $Path -Scenario $Scenario -ForestName 'contoso.com', 'fabrikam.com', 'tailspin.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
}
function Copy-Forests([hashtable] $Changes) { $copy = @{}; foreach ($k in $forests.Keys) { $copy[$k] = $forests[$k] }; foreach ($k in $Changes.Keys) { $copy[$k] = $Changes[$k] }; $copy }
foreach ($name in 'whatIf', 'wrongAD', 'wrongGA', 'aadRefused', 'startFails', 'corrupt', 'mismatch', 'liveLock', 'staleLock', 'lostAgain') { New-Server (Join-Path $Root $name) KeyLost }
New-Server (Get-Server 'healthy') Healthy
New-Server (Get-Server 'logon') LogonFailure

Invoke-Case 'whatIf' (Get-Server 'whatIf') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -WhatIf }
Invoke-Case 'whatIf.journals' (Get-Server 'whatIf') { @(Get-AADSyncKeyRecoveryJournal).Count }
# The plan was this session's first output: its view loaded with it, -WhatIf or not.
Invoke-Case 'whatIf.view' (Get-Server 'whatIf') { [bool](Get-FormatData -TypeName AADSyncKey.RecoveryPlan) }
Invoke-Case 'healthy' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'logon' (Get-Server 'logon') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'malformed' (Get-Server 'whatIf') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = 'Password1' } -Confirm:$false }
Invoke-Case 'pipedWithoutCredential' (Get-Server 'whatIf') { [pscustomobject]@{ ConnectorName = 'contoso.com' } | Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -Confirm:$false }
Invoke-Case 'resumeNothing' (Get-Server 'whatIf') { Invoke-AADSyncKeyRecovery -Resume -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# A server whose connectors were seen while it ran, then lost its key: the recovery knows every AD connector.
Invoke-Case 'seen' (Get-Server 'healthy') { @(Get-AADSyncConnector).Count }
Connect-SimADSyncServer (Get-Server 'healthy')
Add-SimScenario -Scenario KeyLost
Invoke-Case 'missing' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'unknown' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'nosuch.com' = $contoso }) -Confirm:$false }
Invoke-Case 'notAD' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'contoso.onmicrosoft.com - AAD' = $contoso }) -Confirm:$false }
Invoke-Case 'empty' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'contoso.com' = $empty }) -Confirm:$false }
Invoke-Case 'noAAD' (Get-Server 'healthy') { Invoke-AADSyncKeyRecovery -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'recoveredWithInventory' (Get-Server 'healthy') {
    $forests.Keys | ForEach-Object { [pscustomobject]@{ ConnectorName = $_; Credential = $forests[$_] } } | Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -Confirm:$false
}

# Failing steps stop the recovery where they are; a rerun with corrected input continues from there.
Invoke-Case 'wrongAD' (Get-Server 'wrongAD') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential (Copy-Forests @{ 'fabrikam.com' = $wrong }) -Confirm:$false }
Invoke-Case 'wrongAD.journal' (Get-Server 'wrongAD') { Get-AADSyncKeyRecoveryJournal -Unfinished | Where-Object { $_.JournalPath -like '*' } | Select-Object -First 1 }
Invoke-Case 'wrongAD.rerun' (Get-Server 'wrongAD') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'wrongAD.test' (Get-Server 'wrongAD') { Test-AADSyncEncryptionKey }
Invoke-Case 'wrongGA' (Get-Server 'wrongGA') { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'wrongGA.rerun' (Get-Server 'wrongGA') { Invoke-AADSyncKeyRecovery -Resume -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
# The Azure AD connector cannot sign in at the verifying cycle: the recovery stops, and its rerun verifies again
# without resetting the Azure AD sign-in a second time.
Invoke-Case 'aadRefused' (Get-Server 'aadRefused') { Connect-SimADSyncServer (Get-Server 'aadRefused'); Set-SimRunResult -Connector '* - AAD' -RunProfile 'Delta Import' -Result 'stopped-extension-dll-exception'; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'aadRefused.rerun' (Get-Server 'aadRefused') { Connect-SimADSyncServer (Get-Server 'aadRefused'); Clear-SimRunResult; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'startFails' (Get-Server 'startFails') { Connect-SimADSyncServer (Get-Server 'startFails'); Set-SimFault -Command Start-Service -Mode fail -Message 'The service did not respond to the start or control request in a timely fashion.'; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false -TimeoutSeconds 30 }
Invoke-Case 'startFails.rerun' (Get-Server 'startFails') { Connect-SimADSyncServer (Get-Server 'startFails'); Clear-SimFault; Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# The key made by the recovery is lost too before the rerun: only then is the key abandoned a second time.
Invoke-Case 'lostAgain.first' (Get-Server 'lostAgain') { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
Connect-SimADSyncServer (Get-Server 'lostAgain')
Start-Sleep -Milliseconds 50
Add-SimScenario -Scenario KeyLost
Invoke-Case 'lostAgain' (Get-Server 'lostAgain') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# Journals that cannot be trusted change nothing.
Invoke-Case 'corrupt.first' (Get-Server 'corrupt') { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
$corruptJournal = (Get-AADSyncKeyRecoveryJournal -Unfinished | Where-Object { $_.JournalPath -like ((Get-Server 'corrupt') + '*') -or $true } | Where-Object ComputerName -eq 'AADC01' | Where-Object { (Get-Content -Raw $_.JournalPath) -like ('*' + (Get-Server 'corrupt') + '*') }).JournalPath
Set-Content -LiteralPath $corruptJournal -Value '{ "format": "AADSyncKey.RecoveryJournal/1", "recoveryId": '
Invoke-Case 'corrupt' (Get-Server 'corrupt') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
$otherJournal = (Get-AADSyncKeyRecoveryJournal | Where-Object { (Get-Content -Raw $_.JournalPath) -like ('*' + (Get-Server 'wrongGA') + '*') } | Select-Object -First 1).JournalPath
Invoke-Case 'mismatch' (Get-Server 'mismatch') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -JournalPath $otherJournal -Confirm:$false }

# A live holder: this test's own pwsh (another process than the core's session) holds the lock open, as a
# recovery in another window would, and its record names this test's node process.
$liveFolder = Get-LockFolder 'liveLock'
$null = New-Item -ItemType Directory -Path $liveFolder -Force
$held = [System.IO.File]::Open((Join-Path $liveFolder 'server.lock'), 'OpenOrCreate', 'ReadWrite', 'None')
Set-Content -LiteralPath (Join-Path $liveFolder 'server.lock.json') -Value (New-HolderRecord $LiveHolderPid)
Invoke-Case 'liveLock' (Get-Server 'liveLock') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'liveLock.remove' (Get-Server 'liveLock') { Remove-AADSyncEncryptionKey -Confirm:$false }
$held.Dispose()
# What a killed holder leaves: the lock file and its record, but no process holding it open.
$staleFolder = Get-LockFolder 'staleLock'
$null = New-Item -ItemType Directory -Path $staleFolder -Force
Set-Content -LiteralPath (Join-Path $staleFolder 'server.lock') -Value ''
Set-Content -LiteralPath (Join-Path $staleFolder 'server.lock.json') -Value (New-HolderRecord 2147480000)
Invoke-Case 'staleLock' (Get-Server 'staleLock') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'audit' (Get-Server 'staleLock') { Get-AADSyncKeyRecoveryJournal }
$outcomes | ConvertTo-Json -Depth 8
