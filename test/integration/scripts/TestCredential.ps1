# TestCredential.ps1: dot-sourced by the integration tests' PowerShell scripts. New-TestCredential makes a
# PSCredential from a password the script read on standard input (test passwords are never written into a script).
function New-TestCredential([string] $User, [string] $Password) {
    $secure = New-Object System.Security.SecureString
    foreach ($char in $Password.ToCharArray()) { $secure.AppendChar($char) }
    New-Object System.Management.Automation.PSCredential ($User, $secure)
}

# The secrets a test wrote on standard input, one a line.
function Read-TestSecret { @([Console]::In.ReadToEnd() -split "`n") }

# The credentials most tests use, from secrets read with Read-TestSecret: the connector accounts of contoso.com and
# fabrikam.com (the first two) and the Global Administrator (the third).
function New-TestCredentialSet([string[]] $Secret) {
    [pscustomobject]@{
        Forests     = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_c' $Secret[0]); 'fabrikam.com' = (New-TestCredential 'FABRIKAM\MSOL_f' $Secret[1]) }
        GlobalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $Secret[2]
    }
}
