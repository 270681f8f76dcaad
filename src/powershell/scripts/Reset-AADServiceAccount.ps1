# Reinitializes the Azure AD service account with a Hybrid Identity Administrator (or Global Administrator)
# credential: Add-ADSyncAADServiceAccount resets the Sync_ account's password and stores it with the current key.
# With -Rollback, Microsoft's rollback from an application identity to the legacy service account
# (authenticate-application-id.md): the scheduler is disabled, Add-ADSyncAADServiceAccount runs, the identity is
# read back, and the scheduler is enabled again if it was before.
param([Parameter(Mandatory = $true)] [pscredential] $AADCredential, [string] $Name, [switch] $Rollback)

if ($Rollback) {
    Write-Verbose 'Get-ADSyncScheduler'
    $wasEnabled = $true
    try { $wasEnabled = [bool](Get-ADSyncScheduler).SyncCycleEnabled }
    catch { Write-Verbose "Get-ADSyncScheduler failed ($($_.Exception.Message)): the scheduler is enabled again afterwards, as Microsoft's steps do." }
    Write-Verbose 'Set-ADSyncScheduler -SyncCycleEnabled $false'
    Set-ADSyncScheduler -SyncCycleEnabled $false
    try {
        Write-Verbose "Add-ADSyncAADServiceAccount -AADCredential <credential of $($AADCredential.UserName)>"
        $null = Add-ADSyncAADServiceAccount -AADCredential $AADCredential -Confirm:$false
        Register-AADSyncKeyCredentialReentry -Name '@AzureAD'
        Write-Verbose 'Get-ADSyncEntraConnectorCredential'
        $identity = [string](Get-ADSyncEntraConnectorCredential).ConnectorIdentityType
        if ($identity -ne 'ServiceAccount') { throw "After Add-ADSyncAADServiceAccount, Get-ADSyncEntraConnectorCredential reads ConnectorIdentityType '$identity', not ServiceAccount: the rollback did not take." }
    }
    finally {
        if ($wasEnabled) {
            Write-Verbose 'Set-ADSyncScheduler -SyncCycleEnabled $true'
            Set-ADSyncScheduler -SyncCycleEnabled $true
        }
    }
    return [pscustomobject]@{ userName = $AADCredential.UserName; identityAfter = $identity; schedulerEnabledAfter = $wasEnabled }
}

# Written out, not splatted, so the parser test can check every parameter against the documented syntax.
if ($Name) {
    Write-Verbose "Add-ADSyncAADServiceAccount -AADCredential <credential of $($AADCredential.UserName)> -Name '$Name'"
    $null = Add-ADSyncAADServiceAccount -AADCredential $AADCredential -Name $Name -Confirm:$false
}
else {
    Write-Verbose "Add-ADSyncAADServiceAccount -AADCredential <credential of $($AADCredential.UserName)>"
    $null = Add-ADSyncAADServiceAccount -AADCredential $AADCredential -Confirm:$false
}
Register-AADSyncKeyCredentialReentry -Name '@AzureAD'
[pscustomobject]@{ userName = $AADCredential.UserName; name = $Name }
