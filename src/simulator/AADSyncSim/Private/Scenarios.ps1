# Named starting states of the simulated server. Each scenario is a function of the healthy server.

$script:SimForestNames = @('contoso.com', 'fabrikam.com', 'litware.net', 'adatum.org', 'northwind.local')
$script:SimKeySymptomCode = 2149781504   # 0x80231000: -2145185792 as the uint32 that Win32_Service reports

function Get-SimForestName {
    param([int] $Index, [string[]] $Custom)
    if ($Custom -and $Index -lt $Custom.Count) { return $Custom[$Index] }
    if ($Index -lt $script:SimForestNames.Count) { return $script:SimForestNames[$Index] }
    'forest{0:d3}.corp.example' -f ($Index + 1)
}

function New-SimHealthyState {
    param(
        [string] $ServerName, [string] $Build, [int] $ForestCount, [string[]] $ForestName, [string] $ServiceAccount, [string] $ServiceAccountType,
        [hashtable] $ForestCredential, [pscredential] $EnterpriseAdminCredential, [pscredential] $GlobalAdminCredential
    )
    $tenant = 'contoso.onmicrosoft.com'
    $connectors = @()
    $forestAccounts = @{}
    for ($i = 0; $i -lt $ForestCount; $i++) {
        $forest = Get-SimForestName -Index $i -Custom $ForestName
        $netbios = $forest.Split('.')[0].ToUpperInvariant()
        $loginUser = 'MSOL_{0}' -f ([guid]::NewGuid().ToString('N').Substring(0, 12))
        # The connector signs in as the account of the credential the server was built with (DOMAIN\user or user@domain).
        if ($ForestCredential -and $ForestCredential.ContainsKey($forest)) {
            $given = [string]$ForestCredential[$forest].UserName
            if ($given -match '^([^\\]+)\\(.+)$') { $netbios = $Matches[1]; $loginUser = $Matches[2] }
            elseif ($given -match '^([^@]+)@(.+)$') { $loginUser = $Matches[1]; $netbios = $Matches[2] }
            elseif ($given) { $loginUser = $given }
        }
        $password = if ($ForestCredential -and $ForestCredential.ContainsKey($forest)) {
            New-SimPasswordHash -Password $ForestCredential[$forest].Password
        } else { New-SimRandomPasswordHash }
        $enterpriseAdmin = if ($EnterpriseAdminCredential) { New-SimPasswordHash -Password $EnterpriseAdminCredential.Password } else { New-SimRandomPasswordHash }
        $forestAccounts[$forest] = @{ user = $loginUser; domain = $netbios; password = $password; enterpriseAdmin = $enterpriseAdmin }
        $connectors += , @{
            name = $forest; identifier = [guid]::NewGuid().ToString(); type = 'AD'; connectorTypeName = 'AD'; subtype = ''
            connectivityParameters = @{ 'forest-name' = $forest; 'forest-login-user' = $loginUser; 'forest-login-domain' = $netbios }
            credential = @{ keyGeneration = 1; hash = $password.hash }
        }
    }
    $connectors += , @{
        name = "$tenant - AAD"; identifier = 'b891884f-051e-4a83-95af-2544101c9083'; type = 'Extensible2'
        connectorTypeName = 'Extensible2'; subtype = 'Windows Azure Active Directory (Microsoft)'
        connectivityParameters = @{ UserName = "Sync_$($ServerName)_$([guid]::NewGuid().ToString('N').Substring(0, 12))@$tenant" }
        credential = @{ keyGeneration = 1; hash = $null }
    }
    $globalAdmin = if ($GlobalAdminCredential) {
        @{ user = $GlobalAdminCredential.UserName; password = (New-SimPasswordHash -Password $GlobalAdminCredential.Password) }
    } else { @{ user = "admin@$tenant"; password = New-SimRandomPasswordHash } }
    $now = Get-SimNow
    @{
        schemaVersion = 1
        serverName    = $ServerName
        installed     = $true
        build         = $Build
        service       = @{
            status = 'Running'; startType = 'Automatic'; account = $ServiceAccount; accountType = $ServiceAccountType
            scmPasswordValid = $true; exitCode = 0; serviceSpecificExitCode = 0; processId = 4242; lastStartTime = $now
        }
        key           = @{ state = 'Healthy'; generation = 1; keysetId = 1; instanceId = [guid]::NewGuid().ToString(); abandonCount = 0 }
        connectors    = $connectors
        forestAccounts = $forestAccounts
        aad           = @{
            tenant = $tenant; identityType = 'ServiceAccount'; stale = $false
            syncAccountSignInBlocked = $false; globalAdminMfaRequired = $false; globalAdmin = $globalAdmin
        }
        scheduler     = @{ syncCycleEnabled = $true; stagingModeEnabled = $false; schedulerSuspended = $false; cycleEndsAt = $null; cycleDurationMs = 0 }
        runHistory    = @()
        nextRecordId  = 1000
        events        = @(@{ recordId = 1000; logName = 'System'; id = 7036; providerName = 'Service Control Manager'; level = 'Information'; timeCreated = $now; message = 'The Microsoft Azure AD Sync service entered the running state.' })
        faults        = @{}
    }
}

# Applies one named fault picture to a healthy state, as it would look after the failed start or run.
function Set-SimScenario {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string] $Scenario)
    switch ($Scenario) {
        'Healthy' { }
        'StagingMode' { $State.scheduler.stagingModeEnabled = $true }
        'ApplicationIdentity' { $State.aad.identityType = 'Application' }
        'NotInstalled' { $State.installed = $false }
        'ServiceStopped' {
            $State.service.status = 'Stopped'
            Add-SimADSyncScmEvent -State $State -What stopped
        }
        'KeyLost' {
            $State.key.state = 'Unreadable'
            # The service account's DPAPI keys changed: an application certificate in its store may be lost too.
            $State.aad.dpapiLost = $true
            Set-SimFailedStart -State $State -Reason Key
        }
        'LogonFailure' {
            $State.service.scmPasswordValid = $false
            Set-SimFailedStart -State $State -Reason Logon
        }
        'LogonRightMissing' {
            # The password is right; the account lost "Log on as a service" (a hardening policy, a GPO).
            $State.service.logonRightGranted = $false
            Set-SimFailedStart -State $State -Reason LogonRight
        }
        'ConnectorCredentialInvalid' {
            # The forest account's password was changed in AD; the connector still holds the old one.
            $first = $State.connectors | Where-Object { $_.type -eq 'AD' } | Select-Object -First 1
            $State.forestAccounts[$first.name].password = New-SimRandomPasswordHash
            Invoke-SimSyncRun -State $State | Out-Null
        }
        'AzureADCredentialStale' {
            $State.aad.stale = $true
            Invoke-SimSyncRun -State $State | Out-Null
        }
        'AzureADSignInBlocked' {
            $State.aad.syncAccountSignInBlocked = $true
            Invoke-SimSyncRun -State $State | Out-Null
        }
        default { throw "Unknown scenario '$Scenario'." }
    }
}
