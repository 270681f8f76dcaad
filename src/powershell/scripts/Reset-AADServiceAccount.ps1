# Reinitializes the Azure AD service account with a Global Administrator credential (Add-ADSyncAADServiceAccount
# resets the Sync_ account's password and stores it with the current key).
param([Parameter(Mandatory = $true)] [pscredential] $AADCredential, [string] $Name)

$arguments = @{ AADCredential = $AADCredential; Confirm = $false }
$shown = "Add-ADSyncAADServiceAccount -AADCredential <credential of $($AADCredential.UserName)>"
if ($Name) { $arguments.Name = $Name; $shown += " -Name '$Name'" }
Write-Verbose $shown
$null = Add-ADSyncAADServiceAccount @arguments
Register-AADSyncKeyCredentialReentry -Name '@AzureAD'
[pscustomobject]@{ userName = $AADCredential.UserName; name = $Name }
