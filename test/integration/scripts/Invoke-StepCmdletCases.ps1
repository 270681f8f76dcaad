# The per-step cmdlets of test/integration/recovery-steps.test.ts, in one pwsh: simulated servers in each scenario
# under -Root, every step cmdlet and every refusal. The passwords arrive on standard input, one a line.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$contoso = New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]
$fabrikam = New-TestCredential 'FABRIKAM\MSOL_fabrikam' $secrets[1]
$tailspin = New-TestCredential 'TAILSPIN\MSOL_tailspin' $secrets[2]
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[3]
$enterpriseAdmin = New-TestCredential 'CONTOSO\ea' $secrets[4]
$wrong = New-TestCredential 'admin@contoso.onmicrosoft.com' 'not-the-password'
$empty = New-Object System.Management.Automation.PSCredential ('CONTOSO\MSOL_contoso', (New-Object System.Security.SecureString))
$forests = @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'tailspin.com' = $tailspin }
function New-Server([string] $Path, [string[]] $Scenario, [switch] $Mfa, [string] $Build = '2.4.27.0') {
    $null = New-SimADSyncServer -Path $Path -Scenario $Scenario -Build $Build -ForestName 'contoso.com', 'fabrikam.com', 'tailspin.com' -ForestCredential $forests `
        -GlobalAdminCredential $globalAdmin -EnterpriseAdminCredential $enterpriseAdmin -GlobalAdminMfaRequired:$Mfa
}
New-Server (Get-Server 'keyLost') KeyLost
New-Server (Get-Server 'keyLostWhatIf') KeyLost
New-Server (Get-Server 'healthy') Healthy
New-Server (Get-Server 'logon') LogonFailure
New-Server (Get-Server 'forced') Healthy
New-Server (Get-Server 'stopped') ServiceStopped
New-Server (Get-Server 'stale') AzureADCredentialStale
New-Server (Get-Server 'appId') ApplicationIdentity -Build '2.5.3.0'
New-Server (Get-Server 'mfa') Healthy -Mfa
New-Server (Get-Server 'backupLost') KeyLost
New-Server (Get-Server 'backupHangs') Healthy
foreach ($cycling in @(@{ name = 'cycling'; ms = 6000 }, @{ name = 'cyclingLong'; ms = 120000 })) {
    $null = New-SimADSyncServer -Path (Get-Server $cycling.name) -Scenario Healthy -ForestName 'contoso.com' -SyncCycleDurationMs $cycling.ms -SyncCycleStartDelayMs 0
}

Invoke-Case 'remove.keyLost' (Get-Server 'keyLost') { Remove-AADSyncEncryptionKey -Confirm:$false -Verbose }
Invoke-Case 'remove.whatIf' (Get-Server 'keyLostWhatIf') { Remove-AADSyncEncryptionKey -WhatIf }
Invoke-Case 'remove.healthy' (Get-Server 'healthy') { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'remove.logon' (Get-Server 'logon') { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'remove.forced' (Get-Server 'forced') { Remove-AADSyncEncryptionKey -Force -Confirm:$false }
# A sync cycle runs when the service is to be stopped: Microsoft's step 1 waits for it (here 3 s), within the limit.
# The service's stop time (its last 7036 'stopped' event) against the end of the cycle it waited for.
function Get-StopAfterCycle([string] $Path) {
    Connect-SimADSyncServer $Path
    $state = Get-SimADSyncState
    $stopped = @($state.events | Where-Object { $_.id -eq 7036 -and $_['binary'] } | Sort-Object { [long]$_.recordId } -Descending | Select-Object -First 1)
    [pscustomobject]@{ cycleEndedAt = [string]$state.scheduler.cycleEndsAt; stoppedAt = [string]$stopped[0].timeCreated; status = [string]$state.service.status }
}
Invoke-Case 'remove.cycling' (Get-Server 'cycling') {
    Connect-SimADSyncServer (Get-Server 'cycling'); $null = Start-ADSyncSyncCycle
    Remove-AADSyncEncryptionKey -Force -Confirm:$false
    Get-StopAfterCycle (Get-Server 'cycling')
}
Invoke-Case 'remove.cyclingLong' (Get-Server 'cyclingLong') {
    Connect-SimADSyncServer (Get-Server 'cyclingLong'); $null = Start-ADSyncSyncCycle
    Remove-AADSyncEncryptionKey -Force -Confirm:$false -TimeoutSeconds 5
}

# The several-forest runbook, step by step, on the server whose key was just abandoned.
Invoke-Case 'set.beforeStart' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'start.new' (Get-Server 'keyLost') { Start-AADSyncService -SkipSyncCycle -Confirm:$false -PassThru }
Invoke-Case 'set.unknown' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'nosuch.com' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'set.notAD' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.onmicrosoft.com - AAD' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'set.empty' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $empty -Confirm:$false -PassThru }
Invoke-Case 'set.whatIf' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $contoso -WhatIf }
Invoke-Case 'set.wrongEA' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential -ConnectorName 'tailspin.com' -EnterpriseAdminCredential $wrong -Confirm:$false -PassThru }
Invoke-Case 'set.pipeline' (Get-Server 'keyLost') {
    Get-AADSyncConnector -Type AD | Where-Object Name -ne 'tailspin.com' |
        ForEach-Object { [pscustomobject]@{ ConnectorName = $_.Name; Credential = $forests[$_.Name] } } |
        Set-AADSyncConnectorCredential -Confirm:$false -PassThru -Verbose
}
Invoke-Case 'set.reset' (Get-Server 'keyLost') { Set-AADSyncConnectorCredential 'tailspin.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false -PassThru }
Invoke-Case 'aad.whatIf' (Get-Server 'keyLost') { Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -WhatIf }
Invoke-Case 'aad.reset' (Get-Server 'keyLost') { Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false -PassThru -Verbose }
Invoke-Case 'start.verify' (Get-Server 'keyLost') { Start-AADSyncService -Confirm:$false -PassThru }
Invoke-Case 'test.after' (Get-Server 'keyLost') { Test-AADSyncEncryptionKey }

Invoke-Case 'set.stopped' (Get-Server 'stopped') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'aad.stale' (Get-Server 'stale') { Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false -PassThru }
Invoke-Case 'aad.staleVerified' (Get-Server 'stale') { Start-AADSyncService -Confirm:$false -PassThru; Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'aad.appId' (Get-Server 'appId') { Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false -PassThru }
Invoke-Case 'aad.mfa' (Get-Server 'mfa') { Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false -PassThru }
Invoke-Case 'aad.wrong' (Get-Server 'healthy') { Reset-AADSyncAADServiceAccount -AADCredential $wrong -Confirm:$false -PassThru }
Invoke-Case 'aad.empty' (Get-Server 'healthy') { Reset-AADSyncAADServiceAccount -AADCredential $empty -Confirm:$false -PassThru }

Push-Location (Get-Server 'healthy')
Invoke-Case 'backup.healthy' (Get-Server 'healthy') { Backup-AADSyncEncryptionKey -Path 'keyset.bin' -Credential $contoso -Verbose }
Pop-Location
Invoke-Case 'backup.exists' (Get-Server 'healthy') { Backup-AADSyncEncryptionKey -Path (Join-Path (Get-Server 'healthy') 'keyset.bin') }
Invoke-Case 'backup.whatIf' (Get-Server 'healthy') { Backup-AADSyncEncryptionKey -Path (Join-Path (Get-Server 'healthy') 'whatif.bin') -WhatIf }
Invoke-Case 'backup.keyLost' (Get-Server 'backupLost') { Backup-AADSyncEncryptionKey -Path (Join-Path (Get-Server 'backupLost') 'keyset.bin') }
# A miiskmu that never answers (as one waiting at a console prompt would) is ended at the time limit.
Connect-SimADSyncServer -Path (Get-Server 'backupHangs')
Set-SimFault -Command 'miiskmu /e' -Mode hang
$backupStarted = Get-Date
Invoke-Case 'backup.hangs' (Get-Server 'backupHangs') { Backup-AADSyncEncryptionKey -Path (Join-Path (Get-Server 'backupHangs') 'keyset.bin') -Credential $contoso -TimeoutSeconds 5 }
$outcomes['backup.hangs'].seconds = ((Get-Date) - $backupStarted).TotalSeconds
Invoke-Case 'backup.afterHang' (Get-Server 'backupHangs') { Test-AADSyncEncryptionKey }
$outcomes | ConvertTo-Json -Depth 8
