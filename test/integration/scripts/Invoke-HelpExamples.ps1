# Runs every example of every AADSyncKey cmdlet, as Get-Help shows it, against a fresh simulated server set up for
# that cmdlet, and reports each one's outcome as JSON. Passwords arrive on standard input, one per line: contoso,
# fabrikam, tailspin, the Global Administrator, the Enterprise Admin. Confirmation prompts are answered yes
# ($ConfirmPreference None), as the administrator at the console would; Get-Credential answers from the same table.
param(
    [Parameter(Mandatory = $true)] [string] $Root,
    [Parameter(Mandatory = $true)] [string] $SimulatorManifest,
    [Parameter(Mandatory = $true)] [string] $ModuleManifest
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $SimulatorManifest
Import-Module $ModuleManifest

. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$secrets = Read-TestSecret
# The password each example account has on the simulated servers.
function Get-TestPassword([string] $User) {
    if ($User -like 'FABRIKAM\admin') { return $secrets[4] }
    if ($User -like 'CONTOSO\*') { return $secrets[0] }
    if ($User -like 'FABRIKAM\*') { return $secrets[1] }
    if ($User -like 'TAILSPIN\*') { return $secrets[2] }
    if ($User -like '*@contoso.onmicrosoft.com') { return $secrets[3] }
    throw "No test password for '$User'."
}
# Shadows the cmdlet for the examples: the admin would type the password at its prompt.
function Get-Credential {
    param([Parameter(Position = 0)] [string] $UserName)
    New-TestCredential $UserName (Get-TestPassword $UserName)
}

$globalAdmin = Get-Credential 'admin@contoso.onmicrosoft.com'
$enterpriseAdmin = Get-Credential 'FABRIKAM\admin'
$contosoCredential = Get-Credential 'CONTOSO\MSOL_contoso'
$fabrikamCredential = Get-Credential 'FABRIKAM\MSOL_fabrikam'
$connectors = @{ 'contoso.com' = $contosoCredential; 'fabrikam.com' = $fabrikamCredential }

# The server each cmdlet's examples need: what an administrator would run them on.
$serverFor = @{
    'Start-AADSyncService'          = 'ServiceStopped'
    'Remove-AADSyncEncryptionKey'   = 'KeyLost'
    'Invoke-AADSyncKeyRecovery'     = 'UnfinishedRecovery'
    'Stop-AADSyncKeyRecovery'       = 'UnfinishedRecovery'
    'Get-AADSyncKeyRecoveryJournal' = 'UnfinishedRecovery'
    'Export-AADSyncKeyRecoveryReport' = 'UnfinishedRecovery'
}

$results = New-Object System.Collections.Generic.List[object]
$commands = (Get-Module AADSyncKey).ExportedFunctions.Keys | Sort-Object
$number = 0
foreach ($command in $commands) {
    $examples = @((Get-Help $command -Examples).examples.example)
    $index = 0
    foreach ($example in $examples) {
        $index++
        $number++
        $folder = Join-Path $Root "e$number"
        $null = New-Item -ItemType Directory -Path $folder
        $forestNames = @('contoso.com', 'fabrikam.com')
        if ($example.code -like '*tailspin.com*') { $forestNames += 'tailspin.com' }
        $forests = @{}
        foreach ($name in $forestNames) { $forests[$name] = Get-Credential ("{0}\MSOL_{1}" -f $name.Split('.')[0].ToUpperInvariant(), $name.Split('.')[0]) }
        $kind = if ($serverFor.ContainsKey($command)) { $serverFor[$command] } else { 'Healthy' }
        $scenario = if ($kind -eq 'UnfinishedRecovery') { 'KeyLost' } else { $kind }
        $server = Join-Path $folder 'server'
        $null = New-SimADSyncServer -Path $server -Scenario $scenario -ForestName $forestNames -ForestCredential $forests -GlobalAdminCredential $globalAdmin -EnterpriseAdminCredential $enterpriseAdmin
        $env:AADSYNCKEY_SIMULATOR = $server
        $env:AADSYNCKEY_DATA_DIR = Join-Path $folder 'data'
        Set-Location -LiteralPath $folder
        'Name,Account', 'contoso.com,CONTOSO\MSOL_contoso', 'fabrikam.com,FABRIKAM\MSOL_fabrikam' | Set-Content -LiteralPath (Join-Path $folder 'forests.csv')
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'Backup')
        $null = New-PSDrive -Name D -PSProvider FileSystem -Root $folder -Scope Global
        if ($kind -eq 'UnfinishedRecovery') {
            # A recovery that stopped at the Azure AD step: the one the examples continue, list or cancel.
            $wrong = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
            try { $null = Invoke-AADSyncKeyRecovery -AADCredential $wrong -ConnectorCredential $forests -Confirm:$false } catch { $null = $_ }
        }
        $outcome = [ordered]@{ command = $command; example = $index; code = [string]$example.code; ok = $true; error = $null; output = ''; stateChanged = $false }
        $before = (Get-FileHash -LiteralPath (Join-Path $server 'state.json')).Hash
        $ConfirmPreference = 'None'
        try {
            $outcome.output = (& ([scriptblock]::Create([string]$example.code)) *>&1 | Out-String -Width 200)
        }
        catch {
            $outcome.ok = $false
            $outcome.error = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
        }
        $ConfirmPreference = 'High'
        $outcome.stateChanged = $before -ne (Get-FileHash -LiteralPath (Join-Path $server 'state.json')).Hash
        Remove-PSDrive -Name D -Force
        Set-Location -LiteralPath $Root
        $results.Add([pscustomobject]$outcome)
    }
}
$results | ConvertTo-Json -Depth 4
