# Self-check of the secret transport: proves a credential arrived as a PSCredential holding a SecureString,
# and returns only the SHA-256 of the password, never the password. -DelayMs keeps it running so a test can
# look at every process while the secret is inside the session.
param([Parameter(Mandatory)] [pscredential] $Credential, [int] $DelayMs = 0)
if ($DelayMs -gt 0) { Start-Sleep -Milliseconds $DelayMs }
$plain = $Credential.GetNetworkCredential().Password
$sha = [System.Security.Cryptography.SHA256]::Create()
try { $hash = ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($plain)) | ForEach-Object { $_.ToString('x2') }) -join '' }
finally { $sha.Dispose(); $plain = $null }
[pscustomobject]@{
    userName       = $Credential.UserName
    passwordType   = $Credential.Password.GetType().FullName
    passwordLength = $Credential.Password.Length
    passwordSha256 = $hash
}
