# TestCredential.ps1: dot-sourced by the integration tests' PowerShell scripts. New-TestCredential makes a
# PSCredential from a password the script read on standard input (test passwords are never written into a script).
function New-TestCredential([string] $User, [string] $Password) {
    $secure = New-Object System.Security.SecureString
    foreach ($char in $Password.ToCharArray()) { $secure.AppendChar($char) }
    New-Object System.Management.Automation.PSCredential ($User, $secure)
}
