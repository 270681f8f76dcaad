# The cases of test/integration/preflight.test.ts, in one pwsh: servers whose Add-ADSyncConnector has no
# -ADConnectorCredential. Servers live under -Root; the passwords arrive on standard input, one a line.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$set = New-TestCredentialSet $secrets
$forests = $set.Forests
$globalAdmin = $set.GlobalAdmin
$enterpriseAdmin = New-TestCredential 'FABRIKAM\admin' $secrets[3]
foreach ($name in 'keyLost', 'reset', 'healthy') {
    $scenario = if ($name -eq 'healthy') { 'Healthy' } else { 'KeyLost' }
    $null = New-SimADSyncServer -Path (Join-Path $Root $name) -Scenario $scenario -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin -EnterpriseAdminCredential $enterpriseAdmin
    Set-SimCapability -Name AddConnectorCredentialParameter -Present $false
}
Invoke-Case 'whatIf' (Get-Server 'keyLost') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -WhatIf }
Invoke-Case 'refused' (Get-Server 'keyLost') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'detailed' (Get-Server 'keyLost') { Test-AADSyncEncryptionKey -Detailed }
Invoke-Case 'reset' (Get-Server 'reset') { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ResetConnector 'contoso.com', 'fabrikam.com' -EnterpriseAdminCredential $enterpriseAdmin -Confirm:$false }
Invoke-Case 'set' (Get-Server 'healthy') { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential $forests['contoso.com'] -Confirm:$false }
$outcomes | ConvertTo-Json -Depth 8
