# Re-enters the AD DS account of one AD connector: a known password is stored with Add-ADSyncConnector, or with an
# Enterprise Admin credential Add-ADSyncADDSConnectorAccount resets the account's password and stores the new one.
param(
    [Parameter(Mandatory = $true)] [string] $ConnectorName,
    [pscredential] $Credential,
    [pscredential] $EnterpriseAdminCredential
)

if ($null -ne $EnterpriseAdminCredential) {
    Write-Verbose "Add-ADSyncADDSConnectorAccount -Name '$ConnectorName' -EACredential <credential of $($EnterpriseAdminCredential.UserName)>"
    $null = Add-ADSyncADDSConnectorAccount -Name $ConnectorName -EACredential $EnterpriseAdminCredential
    Write-Verbose "Get-ADSyncConnector -Name '$ConnectorName'"
    $null = Get-ADSyncConnector -Name $ConnectorName
    Register-AADSyncKeyCredentialReentry -Name $ConnectorName
    return [pscustomobject]@{ mode = 'Reset'; loginUser = $null; loginDomain = $null; previousUser = $null; previousDomain = $null }
}

Write-Verbose "Get-ADSyncConnector -Name '$ConnectorName'"
$connector = Get-ADSyncConnector -Name $ConnectorName
# A parameter by name: ConnectivityParameters is a keyed collection, and indexing a missing name throws under StrictMode.
function Get-ConnectivityValue($Connector, [string] $Name) {
    if ($Connector.ConnectivityParameters.Contains($Name)) { [string]$Connector.ConnectivityParameters[$Name].Value } else { $null }
}
# The account it signed in with before, so the core can say when the credential moves it to another one.
$previousUser = Get-ConnectivityValue $connector 'forest-login-user'
$previousDomain = Get-ConnectivityValue $connector 'forest-login-domain'
# A DOMAIN\user or user@domain name also says which account the connector signs in with.
$user = $Credential.UserName
$domain = $null
if ($user -match '^([^\\]+)\\(.+)$') { $domain = $Matches[1]; $user = $Matches[2] }
elseif ($user -match '^([^@]+)@(.+)$') { $domain = $Matches[2]; $user = $Matches[1] }
if ($user -and $connector.ConnectivityParameters.Contains('forest-login-user')) { $connector.ConnectivityParameters['forest-login-user'].Value = $user }
if ($domain -and $connector.ConnectivityParameters.Contains('forest-login-domain')) { $connector.ConnectivityParameters['forest-login-domain'].Value = $domain }
# -ADConnectorCredential is not in Microsoft's documented syntax of Add-ADSyncConnector: the server's own command
# must have it, or nothing is changed (the core's preflight checks it before a recovery abandons the key, too).
Assert-AADSyncKeyCommandParameter -Command 'Add-ADSyncConnector' -Parameter 'ADConnectorCredential'
Write-Verbose "Add-ADSyncConnector -Connector <$ConnectorName> -ADConnectorCredential <credential of $($Credential.UserName)>"
$null = Add-ADSyncConnector -Connector $connector -ADConnectorCredential $Credential
# Read back: the saved connector names the account that was given.
Write-Verbose "Get-ADSyncConnector -Name '$ConnectorName'"
$saved = Get-ADSyncConnector -Name $ConnectorName
Register-AADSyncKeyCredentialReentry -Name $ConnectorName
[pscustomobject]@{
    mode = 'Known'; loginUser = Get-ConnectivityValue $saved 'forest-login-user'; loginDomain = Get-ConnectivityValue $saved 'forest-login-domain'
    previousUser = $previousUser; previousDomain = $previousDomain
}
