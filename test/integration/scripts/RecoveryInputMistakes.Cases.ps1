# The cases of test/integration/recovery-input-mistakes.test.ts, in one pwsh: no input mistake strands a recovery.
# Servers live under -Root; the passwords arrive on standard input, one a line.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$set = New-TestCredentialSet $secrets
$forests = $set.Forests
$contoso = $forests['contoso.com']
$fabrikam = $forests['fabrikam.com']
$globalAdmin = $set.GlobalAdmin
$enterpriseAdmin = New-TestCredential 'FABRIKAM\admin' $secrets[3]
$wrongFabrikam = New-TestCredential 'FABRIKAM\MSOL_f' 'an-old-password'
foreach ($name in 'typo', 'leftOut', 'extra', 'aadAsAD', 'wrongPassword', 'resetOne', 'resetArray', 'cancel', 'health', 'movedAccount') {
    $null = New-SimADSyncServer -Path (Join-Path $Root $name) -Scenario KeyLost -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin -EnterpriseAdminCredential $enterpriseAdmin
}

Invoke-Case 'typo.first' (Get-Server 'typo') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.co' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'typo' (Get-Server 'typo') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'leftOut.first' (Get-Server 'leftOut') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso } -Confirm:$false }
Invoke-Case 'leftOut' (Get-Server 'leftOut') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'extra.first' (Get-Server 'extra') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'tailspin.com' = $contoso } -Confirm:$false }
Invoke-Case 'extra' (Get-Server 'extra') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'aadAsAD.first' (Get-Server 'aadAsAD') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $fabrikam; 'contoso.onmicrosoft.com - AAD' = $globalAdmin } -Confirm:$false }
Invoke-Case 'aadAsAD' (Get-Server 'aadAsAD') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

Invoke-Case 'wrongPassword.first' (Get-Server 'wrongPassword') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = $wrongFabrikam } -Confirm:$false }
Invoke-Case 'wrongPassword' (Get-Server 'wrongPassword') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# One name, as help Example 3 writes it, and an array.
Invoke-Case 'resetOne' (Get-Server 'resetOne') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso } -ResetConnector 'fabrikam.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false }
Invoke-Case 'resetArray' (Get-Server 'resetArray') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ResetConnector 'contoso.com', 'fabrikam.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false }

# An unfinished recovery is cancelled; the server says what is left; a new recovery then finishes without a second abandon.
Invoke-Case 'cancel.first' (Get-Server 'cancel') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.co' = $contoso; 'fabrikam.com' = $fabrikam } -Confirm:$false }
Invoke-Case 'cancel.whatIf' (Get-Server 'cancel') { Stop-AADSyncKeyRecovery -Reason 'typo in a forest name' -WhatIf }
Invoke-Case 'cancel' (Get-Server 'cancel') { Get-AADSyncKeyRecoveryJournal -Unfinished | Select-Object -First 1 | Stop-AADSyncKeyRecovery -Reason 'typo in a forest name' -Confirm:$false }
Invoke-Case 'cancel.again' (Get-Server 'cancel') { Stop-AADSyncKeyRecovery -Reason 'again' -Confirm:$false }
Invoke-Case 'cancel.journal' (Get-Server 'cancel') { Get-AADSyncKeyRecoveryJournal | Where-Object Outcome -eq 'Cancelled' | Select-Object -First 1 }
Invoke-Case 'cancel.recover' (Get-Server 'cancel') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# Health after an abandon is never Healthy until every credential is entered again.
Invoke-Case 'health.removed' (Get-Server 'health') { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'health.stopped' (Get-Server 'health') { Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.removeAgain' (Get-Server 'health') { Remove-AADSyncEncryptionKey -Confirm:$false }
Invoke-Case 'health.started' (Get-Server 'health') { Start-AADSyncService -SkipSyncCycle -Confirm:$false | Out-Null; Test-AADSyncEncryptionKey }
Invoke-Case 'health.detailed' (Get-Server 'health') { Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.readFailures' (Get-Server 'health') { @((Get-AADSyncServerState).ReadFailures | ForEach-Object { $_.Command }) }
Invoke-Case 'health.connectors' (Get-Server 'health') { Get-AADSyncConnector | Select-Object Name, CredentialState }
Invoke-Case 'health.oneDone' (Get-Server 'health') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $contoso -Confirm:$false | Out-Null; Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'health.allDone' (Get-Server 'health') {
    Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $fabrikam -Confirm:$false | Out-Null
    Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false | Out-Null
    Test-AADSyncEncryptionKey
}

# A changed sign-in account is never silent; a password the account cannot sign in with is never "stored".
$null = New-SimADSyncServer -Path (Get-Server 'account') -Scenario Healthy -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
Invoke-Case 'account.otherDomain' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $contoso -Confirm:$false -PassThru }
Invoke-Case 'account.otherUser' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential (New-TestCredential 'FABRIKAM\MSOL_other' $secrets[1]) -Confirm:$false -PassThru }
Invoke-Case 'account.forced' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential (New-TestCredential 'CONTOSO\MSOL_c' $secrets[1]) -Force -Confirm:$false -PassThru }
Invoke-Case 'account.back' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $fabrikam -Force -Confirm:$false -PassThru }
Invoke-Case 'account.wrong' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'fabrikam.com' -Credential $wrongFabrikam -Confirm:$false -PassThru }
Invoke-Case 'account.wrongSkipped' (Get-Server 'account') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential (New-TestCredential 'CONTOSO\MSOL_c' 'an-old-password') -SkipVerification -Confirm:$false -PassThru }
Invoke-Case 'movedAccount' (Get-Server 'movedAccount') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $contoso; 'fabrikam.com' = (New-TestCredential 'CONTOSO\MSOL_c' $secrets[1]) } -Confirm:$false }
$outcomes | ConvertTo-Json -Depth 8
