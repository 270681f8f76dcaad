# The cases of test/integration/application-identity.test.ts, in one pwsh: key-lost servers of today (build
# 2.5.79.0) that sign in to Entra with an application identity or with the legacy service account, recovered with
# and without -RollbackToServiceAccount. Passwords arrive on standard input: contoso.com's connector account, then
# the Hybrid Identity Administrator's.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]) }
$admin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
function New-Server([string] $Name, [string[]] $Scenario) {
    $path = Get-Server $Name
    $null = New-SimADSyncServer -Path $path -Scenario $Scenario -Build '2.5.79.0' -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $admin
    Connect-SimADSyncServer -Path $path
    $path
}
# What the simulated server says of its Azure AD sign-in: identity, legacy accounts made, scheduler.
function Get-AzureADFacts([string] $Path) {
    Connect-SimADSyncServer -Path $Path
    $state = Get-SimADSyncState
    [pscustomobject]@{ identity = [string]$state.aad.identityType; recreations = [int]$state.aad['serviceAccountRecreations']; syncCycleEnabled = [bool]$state.scheduler.syncCycleEnabled; abandons = [int]$state.key['abandonCount'] }
}

# An application identity whose certificate did not survive the DPAPI loss (no TPM: the simulator's default).
$lost = New-Server 'appLost' KeyLost, ApplicationIdentity
Invoke-Case 'appLost' $lost { Invoke-AADSyncKeyRecovery -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'appLost.facts' $lost { Get-AzureADFacts $lost }
Invoke-Case 'appLost.noCredential' $lost { Invoke-AADSyncKeyRecovery -ConnectorCredential $forests -RollbackToServiceAccount -Confirm:$false }
Invoke-Case 'appLost.rollback' $lost { Invoke-AADSyncKeyRecovery -AADCredential $admin -ConnectorCredential $forests -RollbackToServiceAccount -Confirm:$false }
Invoke-Case 'appLost.rollbackFacts' $lost { Get-AzureADFacts $lost }
Invoke-Case 'appLost.test' $lost { Test-AADSyncEncryptionKey }

# A TPM kept the certificate's key: the application identity signs in after the recovery, untouched.
$kept = New-Server 'appKept' KeyLost, ApplicationIdentity
Set-SimCapability -Name ApplicationKeySurvivesDpapiLoss -Present $true
Invoke-Case 'appKept' $kept { Invoke-AADSyncKeyRecovery -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'appKept.facts' $kept { Get-AzureADFacts $kept }

# The legacy service account, with Get-ADSyncEntraConnectorCredential readable, and failing as Get-ADSyncScheduler does.
$readable = New-Server 'saReadable' KeyLost
Invoke-Case 'saReadable' $readable { Invoke-AADSyncKeyRecovery -AADCredential $admin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'saReadable.facts' $readable { Get-AzureADFacts $readable }
$unreadable = New-Server 'saUnreadable' KeyLost
Set-SimCapability -Name EntraCredentialReadNeedsSignIn -Present $true
Invoke-Case 'saUnreadable' $unreadable { Invoke-AADSyncKeyRecovery -AADCredential $admin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'saUnreadable.facts' $unreadable { Get-AzureADFacts $unreadable }
Invoke-Case 'saUnreadable.rollback' $unreadable { Invoke-AADSyncKeyRecovery -AADCredential $admin -ConnectorCredential $forests -RollbackToServiceAccount -Confirm:$false }
Invoke-Case 'saUnreadable.rollbackFacts' $unreadable { Get-AzureADFacts $unreadable }
$outcomes | ConvertTo-Json -Depth 8
