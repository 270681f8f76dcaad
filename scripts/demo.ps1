# The main job, on a simulated server of today: make a build 2.5.79.0 server with three AD forests, signing in to
# Entra with an application identity, that lost its encryption key after a service account password change;
# diagnose it through the AADSyncKey module, recover it with one journaled Invoke-AADSyncKeyRecovery, and show that
# the key test passes afterwards.
$ErrorActionPreference = 'Stop'

# Shows formatted output. Redirected to a log or CI, PowerShell would wrap at 80 columns and add colour codes:
# there the demo writes plain text 120 columns wide; at a console it leaves both to the console.
function Show-Formatted {
    param([Parameter(ValueFromPipeline = $true)] $InputObject)
    begin { $items = New-Object System.Collections.Generic.List[object] }
    process { $items.Add($InputObject) }
    end {
        if ([Console]::IsOutputRedirected) { $items | Out-String -Width 120 | Write-Host -NoNewline }
        else { $items | Out-Host }
    }
}
if ([Console]::IsOutputRedirected -and $null -ne (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) {
    $PSStyle.OutputRendering = 'PlainText'
}
$root = Split-Path -Parent $PSScriptRoot
$demoFolder = Join-Path ([System.IO.Path]::GetTempPath()) ("aadsynckey-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
$statePath = Join-Path $demoFolder 'server'

# Demo credentials: random passwords made here, in memory, as SecureStrings. Nobody types them and they are
# never printed. The simulated forests and tenant are created with the same passwords, as a real AD would have them.
function New-DemoCredential([string] $UserName) {
    $secure = New-Object System.Security.SecureString
    $bytes = New-Object byte[] 24
    [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
    foreach ($char in [Convert]::ToBase64String($bytes).ToCharArray()) { $secure.AppendChar($char) }
    $secure.MakeReadOnly()
    New-Object System.Management.Automation.PSCredential ($UserName, $secure)
}
$connectorCredentials = @{
    'contoso.com'  = New-DemoCredential 'CONTOSO\MSOL_a1b2c3d4e5f6'
    'fabrikam.com' = New-DemoCredential 'FABRIKAM\MSOL_f6e5d4c3b2a1'
    'tailspin.com' = New-DemoCredential 'TAILSPIN\MSOL_0a9b8c7d6e5f'
}
$globalAdmin = New-DemoCredential 'admin@contoso.onmicrosoft.com'

Import-Module (Join-Path $root 'src/simulator/AADSyncSim/AADSyncSim.psd1')
$server = New-SimADSyncServer -Path $statePath -Scenario KeyLost, ApplicationIdentity -Build '2.5.79.0' -ForestName 'contoso.com', 'fabrikam.com', 'tailspin.com' `
    -ForestCredential $connectorCredentials -GlobalAdminCredential $globalAdmin
# A TPM keeps the application certificate's key, so the application still signs in after the key loss. Without
# one it may not: the recovery then stops with ApplicationCredentialUnusable and names the remedies, among them
# -RollbackToServiceAccount (docs/recovery.md).
Set-SimCapability -Name ApplicationKeySurvivesDpapiLoss -Present $true
Remove-Module AADSyncSim
Write-Host "Simulated server with a lost key: $($server.Path) (forests: $($server.Forests -join ', '))"

# The module works on the simulated server whose state folder this variable names; without it, on this server.
# Journals, locks and the connector inventory go to a folder of the demo's own.
$env:AADSYNCKEY_SIMULATOR = $statePath
$env:AADSYNCKEY_DATA_DIR = Join-Path $demoFolder 'data'
Import-Module (Join-Path $root 'psmodule/AADSyncKey.psd1') -Force

Write-Host "`n> Test-AADSyncEncryptionKey -Detailed"
Test-AADSyncEncryptionKey -Detailed | Format-List | Show-Formatted

Write-Host "> Invoke-AADSyncKeyRecovery -AADCredential `$globalAdmin -ConnectorCredential `$connectorCredentials -Confirm:`$false"
$result = Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $connectorCredentials -Confirm:$false
$result | Format-List | Show-Formatted
$result.Steps | Format-Table Number, Step, Status, Verified -Wrap -AutoSize | Show-Formatted

Write-Host "> Test-AADSyncEncryptionKey"
$healthy = Test-AADSyncEncryptionKey
Write-Host $healthy

Write-Host "`n> Get-AADSyncKeyRecoveryJournal"
Get-AADSyncKeyRecoveryJournal | Format-Table | Show-Formatted

Remove-Module AADSyncKey
Remove-Item -LiteralPath $demoFolder -Recurse -Force
if (-not $healthy -or $result.Outcome -ne 'Succeeded') { throw 'The demo recovery did not end with a healthy server.' }
