# Commands that build and steer the simulated server; the real server has none of these.

function New-SimADSyncServer {
    <#
    .SYNOPSIS
    Creates a simulated Azure AD Connect server in a state folder, in a named scenario.
    .PARAMETER ForestCredential
    Hashtable of forest name to PSCredential: the AD DS connector account's real password in that forest.
    Forests without one get a random password that nobody knows.
    .PARAMETER GlobalAdminCredential
    The Global Administrator credential that Add-ADSyncAADServiceAccount accepts.
    .PARAMETER EnterpriseAdminCredential
    The Enterprise Admin credential that Add-ADSyncADDSConnectorAccount accepts in every forest.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('Healthy', 'KeyLost', 'LogonFailure', 'LogonRightMissing', 'ServiceStopped', 'ConnectorCredentialInvalid', 'AzureADCredentialStale',
            'AzureADSignInBlocked', 'ApplicationIdentity', 'StagingMode', 'NotInstalled')]
        [string[]] $Scenario = 'Healthy',
        [ValidateRange(1, 1000)] [int] $ForestCount = 1,
        # Names of the first forests (and so of their connectors); the rest get generated names.
        [string[]] $ForestName,
        [string] $Build = '2.4.27.0',
        [string] $ServerName = 'AADC01',
        [string] $ServiceAccount = 'NT SERVICE\ADSync',
        [ValidateSet('VirtualServiceAccount', 'ManagedServiceAccount', 'GroupManagedServiceAccount', 'DomainUser')]
        [string] $ServiceAccountType = 'VirtualServiceAccount',
        [hashtable] $ForestCredential,
        [pscredential] $EnterpriseAdminCredential,
        [pscredential] $GlobalAdminCredential,
        # How long a sync cycle stays in progress after it starts; its runs end one by one over it (0: at once).
        [int] $SyncCycleDurationMs = 400,
        # How long after Start-ADSyncSyncCycle returns the cycle starts (the real cmdlet only asks the scheduler).
        [int] $SyncCycleStartDelayMs = 300,
        # Conditional Access demands MFA of the Global Administrator: Add-ADSyncAADServiceAccount gets AADSTS50076.
        [switch] $GlobalAdminMfaRequired,
        # The server's display language: Service Control Manager messages are written in it.
        [ValidateSet('en-US', 'de-DE')] [string] $Language = 'en-US',
        # A file written by Export-AADSyncServerSurface on a real server: its build and the capabilities it shows.
        [string] $Surface
    )
    $null = New-Item -ItemType Directory -Path $Path -Force
    $root = (Resolve-Path -LiteralPath $Path).ProviderPath
    $state = New-SimHealthyState -ServerName $ServerName -Build $Build -ForestCount ([Math]::Max($ForestCount, @($ForestName).Count)) -ForestName $ForestName -ServiceAccount $ServiceAccount `
        -ServiceAccountType $ServiceAccountType -ForestCredential $ForestCredential -EnterpriseAdminCredential $EnterpriseAdminCredential `
        -GlobalAdminCredential $GlobalAdminCredential
    $state.scheduler.cycleDurationMs = $SyncCycleDurationMs
    $state.scheduler.cycleStartDelayMs = $SyncCycleStartDelayMs
    $state.scheduler.cycleStartsAt = $null
    $state.language = $Language
    if ($Surface) {
        $captured = Get-Content -LiteralPath $Surface -Raw | ConvertFrom-Json
        if (-not $PSBoundParameters.ContainsKey('Build') -and $captured.build) { $state.build = [string]$captured.build }
        $addConnector = @($captured.cmdlets | Where-Object { $_.name -eq 'Add-ADSyncConnector' }) | Select-Object -First 1
        $hasCredential = $null -ne $addConnector -and @($addConnector.parameterSets | ForEach-Object { $_.parameters } | Where-Object { $_.name -eq 'ADConnectorCredential' }).Count -gt 0
        $state.capabilities = @{ AddConnectorCredentialParameter = $hasCredential; RegistryProductVersion = [bool]$captured.productVersionInRegistry }
    }
    $state.aad.globalAdminMfaRequired = [bool]$GlobalAdminMfaRequired
    foreach ($name in $Scenario) { Set-SimScenario -State $state -Scenario $name }
    Write-SimStateFile -Path (Join-Path $root 'state.json') -State $state
    Install-SimMiiskmuShim -Root $root
    $script:SimRoot = $root
    [pscustomobject]@{
        Path       = $root
        Scenario   = $Scenario
        Build      = $Build
        Connectors = @($state.connectors | ForEach-Object { $_.name })
        Forests    = @($state.connectors | Where-Object { $_.type -eq 'AD' } | ForEach-Object { $_.name })
    }
}

function Connect-SimADSyncServer {
    <#
    .SYNOPSIS
    Points the simulator's commands at a state folder made by New-SimADSyncServer.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $root = (Resolve-Path -LiteralPath $Path).ProviderPath
    if (-not (Test-Path -LiteralPath (Join-Path $root 'state.json'))) {
        throw [System.IO.FileNotFoundException]::new("No simulated server state in '$root'.")
    }
    $script:SimRoot = $root
}

function Get-SimADSyncState {
    <#
    .SYNOPSIS
    The raw state of the connected simulated server, for tests.
    #>
    [CmdletBinding()]
    param()
    Read-SimState
}

function Add-SimScenario {
    <#
    .SYNOPSIS
    Applies scenarios to the connected simulated server as it is now, e.g. KeyLost on a server that ran healthy
    (the service account's password changed under it).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('KeyLost', 'LogonFailure', 'LogonRightMissing', 'ServiceStopped', 'ConnectorCredentialInvalid', 'AzureADCredentialStale', 'AzureADSignInBlocked', 'ApplicationIdentity', 'StagingMode')]
        [string[]] $Scenario
    )
    Update-SimState { param($s) foreach ($name in $Scenario) { Set-SimScenario -State $s -Scenario $name } }
}

function Set-SimFault {
    <#
    .SYNOPSIS
    Makes a simulated command fail, hang, run slowly, wait until the fault is cleared (held), answer busy (-Times calls, with -Message, e.g.
    'Connector: contoso.onmicrosoft.com - AAD is busy.'), or (noop, where the command supports it: miiskmu /a) report
    success without doing anything, until Clear-SimFault. 'miiskmu /a:after' delays miiskmu /a after the key is
    abandoned, before it exits; 'Add-ADSyncConnector:after' and 'Start-ADSyncSyncCycle:after' act after the
    connector is stored or the cycle asked for, before the cmdlet returns.
    -ArmFile: the fault acts only once that file exists (a test creates it at the moment it wants the fault).
    -ReleaseFile: a held fault also ends when that file appears (so a test can release it without a PowerShell).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [ValidateSet('fail', 'hang', 'slow', 'held', 'noop', 'busy')] [string] $Mode,
        [int] $DelayMs = 1000,
        # For busy: how many calls answer busy before the command works again.
        [int] $Times = 1,
        [string] $Message = 'A simulated fault stopped this command.',
        [string] $ArmFile,
        [string] $ReleaseFile
    )
    Update-SimState { param($s) $s.faults[$Command] = @{ mode = $Mode; delayMs = $DelayMs; message = $Message; times = $Times; armFile = $ArmFile; releaseFile = $ReleaseFile } }
}

function Set-SimRunResult {
    <#
    .SYNOPSIS
    Forces the result of a run profile on the connectors that match -Connector (a name or a wildcard), for every run
    from now on (a sync cycle, Invoke-ADSyncRunProfile), until Clear-SimRunResult. -RunProfile takes wildcards too.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Connector,
        [Parameter(Mandatory)] [string] $RunProfile,
        [Parameter(Mandatory)] [string] $Result
    )
    Update-SimState {
        param($s)
        $kept = @($s['forcedRunResults'] | Where-Object { $null -ne $_ -and -not ($_.connector -eq $Connector -and $_.runProfile -eq $RunProfile) })
        $s.forcedRunResults = @(@{ connector = $Connector; runProfile = $RunProfile; result = $Result }) + $kept
    }
}

function Clear-SimRunResult {
    [CmdletBinding()]
    param()
    Update-SimState { param($s) $s.forcedRunResults = @() }
}

function Clear-SimFault {
    [CmdletBinding()]
    param([string] $Command)
    Update-SimState {
        param($s)
        if ($Command) { $s.faults.Remove($Command) } else { $s.faults = @{} }
    }
}

function Add-SimEventNoise {
    <#
    .SYNOPSIS
    Logs what a busy server's logs hold beside ADSync's own events: the same event ids from other services and
    providers (7036/7038/7041/7000/7024 of other services, Winlogon's 6000, 906 and 6028 of other sources), now.
    #>
    [CmdletBinding()]
    param()
    Update-SimState {
        param($s)
        $text = Get-SimScmText -State $s
        Add-SimScmEvent -State $s -Id 7036 -Insertion 'Print Spooler' -ServiceKey 'Spooler' -ServiceState running
        Add-SimScmEvent -State $s -Id 7038 -Insertion 'Spooler', 'CONTOSO\svc-print', $text.badPassword
        Add-SimScmEvent -State $s -Id 7000 -Insertion 'Windows Update', '%%1069' -MessageInsertion 'Windows Update', $text.logonFailure
        Add-SimScmEvent -State $s -Id 7041 -Insertion 'Spooler', 'CONTOSO\svc-print', $text.logonRight
        Add-SimScmEvent -State $s -Id 7024 -Insertion 'Windows Update', '-2145185792 (0x80231000)'
        Add-SimScmEvent -State $s -Id 7036 -Insertion 'Windows Update' -ServiceKey 'wuauserv' -ServiceState stopped
        Add-SimEvent -State $s -LogName Application -Id 6000 -ProviderName 'Microsoft-Windows-Winlogon' -Level Warning -Message 'The winlogon notification subscriber <SessionEnv> was unavailable to handle a notification event.'
        Add-SimEvent -State $s -LogName Application -Id 906 -ProviderName 'MsiInstaller' -Level Warning -Message 'A foreign event that shares id 906.'
        Add-SimEvent -State $s -LogName Application -Id 6028 -ProviderName 'Contoso.LineOfBusiness' -Message 'The server encryption key cannot be accessed.'
    }
}

function Set-SimCapability {
    <#
    .SYNOPSIS
    Switches a capability of the simulated server whose real behaviour is not publicly known, so that tests run
    both ways: AddConnectorCredentialParameter (Add-ADSyncConnector -ADConnectorCredential exists),
    RegistryProductVersion (HKLM:\SOFTWARE\Microsoft\Azure AD Connect has a Version value),
    EventSourceRegistration (New-EventLog may register an event source: the caller is an administrator),
    EntraCredentialReadNeedsSignIn (off by default: Get-ADSyncEntraConnectorCredential is a local read; on: it fails
    as Get-ADSyncScheduler does when the Sync_ account cannot sign in),
    ApplicationKeySurvivesDpapiLoss (off by default: after the password change that lost the encryption key, an
    application identity's certificate cannot sign in either; on: a TPM kept its key),
    WindowsPowerShell51EventFilter (on by default: Get-WinEvent -FilterHashtable answers a named event-data key such
    as param1 with nothing, as Windows PowerShell 5.1 does; off: as PowerShell 6 and later do).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [ValidateSet('AddConnectorCredentialParameter', 'RegistryProductVersion', 'EventSourceRegistration', 'WindowsPowerShell51EventFilter', 'ApplicationKeySurvivesDpapiLoss', 'EntraCredentialReadNeedsSignIn')] [string] $Name, [Parameter(Mandatory)] [bool] $Present)
    Update-SimState { param($s) if (-not $s.ContainsKey('capabilities')) { $s.capabilities = @{} }; $s.capabilities[$Name] = $Present }
}
