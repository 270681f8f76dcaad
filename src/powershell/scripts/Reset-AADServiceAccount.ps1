# Reinitializes the Azure AD service account with a Global Administrator credential (Add-ADSyncAADServiceAccount
# resets the Sync_ account's password and stores it with the current key).
param([Parameter(Mandatory = $true)] [pscredential] $AADCredential, [string] $Name)

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
