# Reads everything the diagnosis needs in one round trip: install, build, service, connectors, identity type,
# staging mode, the key-related events since the service last started, and the latest run result per connector.
# Read-only. Commands that need the running service are skipped, with the reason, when it is not running. Reads that
# need Entra or the service can fail on their own (field reports: Get-ADSyncScheduler throws when the Sync_ account
# cannot sign in): each such failure is recorded with its reason in readFailures, and the rest of the read goes on.
param()

function ConvertTo-IsoTime($value) {
    if ($null -eq $value) { return $null }
    ([datetime]$value).ToUniversalTime().ToString('o')
}

$state = [ordered]@{
    computerName = [Environment]::MachineName; installed = $false; installLocation = $null; build = $null; buildSource = $null; service = $null; lastServiceStart = $null
    connectors = $null; connectorsUnavailableReason = $null; aadIdentityType = $null; stagingMode = $null
    scheduler = $null; events = @(); runResults = @(); keyAbandon = $null; credentialsReentered = @{}; readFailures = [ordered]@{}
}

# Runs one read; a failure becomes its reason in readFailures and the read's value is $null.
function Invoke-Read([string] $What, [scriptblock] $Read) {
    try { & $Read }
    catch {
        $state.readFailures[$What] = "$($_.Exception.GetType().FullName): $($_.Exception.Message)"
        Write-Verbose "$What failed: $($_.Exception.Message)"
        $null
    }
}

Write-Verbose 'Get-CimInstance -ClassName Win32_ComputerSystem'
$computer = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction SilentlyContinue
if ($null -ne $computer -and $computer.Name) { $state.computerName = [string]$computer.Name }

Write-Verbose "Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync'"
$install = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -ErrorAction SilentlyContinue
if ($null -eq $install) { return [pscustomobject]$state }
$state.installed = $true
$state.installLocation = [string]$install.Location

# The build: the product's Version value is what installs write, but no Microsoft page documents it; without it, the
# sync engine's file version, then (with the service running, below) its configuration version.
Write-Verbose "Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect' -Name Version"
$product = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect' -ErrorAction SilentlyContinue
if ($null -ne $product -and $product.PSObject.Properties['Version'] -and $product.Version) { $state.build = [string]$product.Version; $state.buildSource = 'Registry' }
if ($null -eq $state.build) {
    $engine = Get-Item -LiteralPath (Join-Path (Join-Path $state.installLocation 'Bin') 'miiserver.exe') -ErrorAction SilentlyContinue
    if ($null -ne $engine -and $engine.VersionInfo.FileVersion) { $state.build = [string]$engine.VersionInfo.FileVersion; $state.buildSource = 'FileVersion' }
}

Write-Verbose "Get-CimInstance -ClassName Win32_Service -Filter `"Name='ADSync'`""
$service = Get-CimInstance -ClassName Win32_Service -Filter "Name='ADSync'" -ErrorAction SilentlyContinue
if ($null -ne $service) {
    $state.service = [ordered]@{
        status = [string]$service.State; startMode = [string]$service.StartMode; account = [string]$service.StartName
        exitCode = [long]$service.ExitCode; serviceSpecificExitCode = [long]$service.ServiceSpecificExitCode; processId = [long]$service.ProcessId
    }
}

# ADSync's own events only. Event ids are not unique (7000/7024/7036/7038 come from every service, 6000 is also
# Winlogon's, 906 other sources'), so Service Control Manager events count only when their data names this service
# (param1), and application events only from ADSync's providers. Nothing here reads message text: it is localized.
$displayName = 'Microsoft Azure AD Sync'
if ($null -ne $service -and $service.DisplayName) { $displayName = [string]$service.DisplayName }
$serviceNames = @('ADSync', $displayName)
$applicationProviders = @('ADSync', 'Directory Synchronization')

# What a 7036 event records, from its binary data ("ADSync/4": the service's key name, then 4 running, 1 stopped),
# which no language changes (its message and param1, the display name, may be localized).
function Get-ServiceTransition($Record) {
    try {
        $hex = [string]([xml]$Record.ToXml()).Event.EventData.Binary
        if (-not $hex) { return $null }
        $bytes = New-Object byte[] ($hex.Length / 2)
        for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
        $text = [System.Text.Encoding]::Unicode.GetString($bytes).TrimEnd([char]0)
        $slash = $text.LastIndexOf('/')
        if ($slash -lt 1) { return $null }
        [pscustomobject]@{ service = $text.Substring(0, $slash); state = [int]$text.Substring($slash + 1) }
    }
    catch { $null }
}

# The last time the service entered the running state bounds "since the last start"; without one, every event counts.
# An XPath query, then the binary data: a named-data key (param1) in -FilterHashtable finds nothing in Windows
# PowerShell 5.1 (PowerShell/PowerShell#2327), which is what a real server's session runs.
$transitionQuery = "*[System[Provider[@Name='Service Control Manager'] and (EventID=7036)]]"
Write-Verbose "Get-WinEvent -LogName System -FilterXPath `"$transitionQuery`" -MaxEvents 2000 (ADSync's, by the key name in their binary data)"
$transitions = @(Get-WinEvent -LogName System -FilterXPath $transitionQuery -MaxEvents 2000 -ErrorAction SilentlyContinue | ForEach-Object {
        $transition = Get-ServiceTransition $_
        if ($null -ne $transition -and $transition.service -eq 'ADSync') { [pscustomobject]@{ record = $_; state = $transition.state } }
    })
$lastStart = $transitions | Where-Object { $_.state -eq 4 } | Select-Object -First 1 | ForEach-Object { $_.record }
$applicationFilter = @{ LogName = 'Application'; Id = @(6028, 6000, 6900, 659, 906) }
$systemFilter = @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = @(7000, 7024, 7038, 7041) }
if ($null -ne $lastStart) {
    $state.lastServiceStart = ConvertTo-IsoTime $lastStart.TimeCreated
    $applicationFilter.StartTime = $lastStart.TimeCreated
    $systemFilter.StartTime = $lastStart.TimeCreated
}

Write-Verbose "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028,6000,6900,659,906 } (providers: $($applicationProviders -join ', ')), and System 7000,7024,7038,7041 of $displayName, since $($state.lastServiceStart)"
$applicationEvents = @(Get-WinEvent -FilterHashtable $applicationFilter -ErrorAction SilentlyContinue | Where-Object { $applicationProviders -contains $_.ProviderName })
$systemEvents = @(Get-WinEvent -FilterHashtable $systemFilter -ErrorAction SilentlyContinue | Where-Object { @($_.Properties).Count -gt 0 -and $serviceNames -contains [string]$_.Properties[0].Value })
$state.events = @(@($applicationEvents) + @($systemEvents) | Where-Object { $null -ne $_ } | Sort-Object TimeCreated -Descending | ForEach-Object {
        [ordered]@{
            id = [int]$_.Id; logName = [string]$_.LogName; providerName = [string]$_.ProviderName; level = [string]$_.LevelDisplayName
            timeCreated = ConvertTo-IsoTime $_.TimeCreated; recordId = [long]$_.RecordId; message = [string]$_.Message
            data = @($_.Properties | ForEach-Object { [string]$_.Value })
        }
    })

# What this module recorded on the server: the last key abandon, and which credentials were entered again since.
# A folder another user could have planted, or a corrupt record, is reported (serverRecordProblem) and not read:
# the rest of the state is still read.
if (-not [string]::IsNullOrEmpty($env:ProgramData)) {
    try {
        $serverFolder = Get-AADSyncKeyServerFolder -NoCreate
        $abandon = Read-AADSyncKeyServerRecord -Path (Join-Path $serverFolder 'abandon.json')
        if ($null -ne $abandon) {
            $endedAt = $abandon.PSObject.Properties['endedAt']
            $state.keyAbandon = [ordered]@{ state = [string]$abandon.state; recoveryId = [string]$abandon.recoveryId; endedAt = $(if ($null -ne $endedAt -and $endedAt.Value) { ConvertTo-IsoTime $endedAt.Value } else { $null }) }
        }
        $reentered = Read-AADSyncKeyServerRecord -Path (Join-Path $serverFolder 'reentered.json')
        if ($null -ne $reentered) { foreach ($property in $reentered.PSObject.Properties) { $state.credentialsReentered[$property.Name] = ConvertTo-IsoTime $property.Value } }
    }
    catch {
        $id = [string]$_.FullyQualifiedErrorId
        if ($id -notlike 'ServerFolderUntrusted*' -and $id -notlike 'ServerRecordCorrupt*') { throw }
        $state.keyAbandon = $null
        $state.credentialsReentered = [ordered]@{}
        $state.serverRecordProblem = [ordered]@{ errorId = $id.Split(',')[0]; message = $_.Exception.Message; path = [string]$_.TargetObject }
    }
}

if ($null -eq $state.service -or $state.service.status -ne 'Running') {
    $state.connectorsUnavailableReason = 'The ADSync service is not running; the ADSync cmdlets need it.'
    return [pscustomobject]$state
}

Write-Verbose 'Get-ADSyncConnector'
$connectors = Invoke-Read 'Get-ADSyncConnector' { @(Get-ADSyncConnector) }
if ($state.readFailures.Contains('Get-ADSyncConnector')) {
    $state.connectorsUnavailableReason = $state.readFailures['Get-ADSyncConnector']
}
else {
    $state.connectors = @($connectors | ForEach-Object {
            $parameters = $_.ConnectivityParameters
            # A keyed collection: indexing a name this connector lacks throws under StrictMode, so ask Contains first.
            $value = { param($name) if ($null -ne $parameters -and $parameters.Contains($name)) { [string]$parameters[$name].Value } else { $null } }
            [ordered]@{
                name = [string]$_.Name; identifier = [string]$_.Identifier; type = [string]$_.Type
                connectorTypeName = [string]$_.ConnectorTypeName; subtype = [string]$_.Subtype
                forest = & $value 'forest-name'; loginUser = & $value 'forest-login-user'; loginDomain = & $value 'forest-login-domain'
                aadUserName = & $value 'UserName'
            }
        })
}

$state.aadIdentityType = 'ServiceAccount'
if ($null -ne (Get-Command Get-ADSyncEntraConnectorCredential -ErrorAction SilentlyContinue)) {
    Write-Verbose 'Get-ADSyncEntraConnectorCredential'
    $credential = Invoke-Read 'Get-ADSyncEntraConnectorCredential' { Get-ADSyncEntraConnectorCredential -ErrorAction Stop }
    if ($null -ne $credential) { $state.aadIdentityType = [string]$credential.ConnectorIdentityType }
    elseif ($state.readFailures['Get-ADSyncEntraConnectorCredential'] -like 'System.Management.Automation.CommandNotFoundException*') {
        Write-Verbose 'Get-ADSyncEntraConnectorCredential is not in this build: service account identity.'
        $state.readFailures.Remove('Get-ADSyncEntraConnectorCredential')
    }
    else { $state.aadIdentityType = $null }
}

Write-Verbose 'Get-ADSyncScheduler'
$scheduler = Invoke-Read 'Get-ADSyncScheduler' { Get-ADSyncScheduler }
if ($null -ne $scheduler) {
    $state.scheduler = [ordered]@{
        syncCycleEnabled = [bool]$scheduler.SyncCycleEnabled; stagingModeEnabled = [bool]$scheduler.StagingModeEnabled
        schedulerSuspended = [bool]$scheduler.SchedulerSuspended; syncCycleInProgress = [bool]$scheduler.SyncCycleInProgress
    }
    $state.stagingMode = [bool]$scheduler.StagingModeEnabled
}

# Get-ADSyncGlobalSettings is in Microsoft's examples, not in the cmdlet reference: used only where the server has it.
if ($null -eq $state.build -and (Test-AADSyncKeyCommand -Command 'Get-ADSyncGlobalSettings')) {
    Write-Verbose 'Get-ADSyncGlobalSettings'
    $settings = Invoke-Read 'Get-ADSyncGlobalSettings' { Get-ADSyncGlobalSettings }
    $version = if ($null -ne $settings -and $null -ne $settings.Parameters) { $settings.Parameters['Microsoft.Synchronize.ServerConfigurationVersion'] } else { $null }
    if ($null -ne $version -and $version.Value) { $state.build = [string]$version.Value; $state.buildSource = 'ServerConfigurationVersion' }
}

# Every finished run among the newest 50, newest first: a cycle runs several run profiles per connector, and the
# core decides which of them speak of a credential. A run still going (IsRunComplete false) is not a result yet.
Write-Verbose 'Get-ADSyncRunProfileResult -NumberRequested 50'
$runs = Invoke-Read 'Get-ADSyncRunProfileResult' { @(Get-ADSyncRunProfileResult -NumberRequested 50) }
$state.runResults = @($runs | Where-Object { $null -ne $_ } | ForEach-Object {
        if (Test-AADSyncKeyRunComplete $_) {
            [ordered]@{ connectorName = [string]$_.ConnectorName; connectorId = [string]$_.ConnectorId; runProfileName = [string]$_.RunProfileName; result = [string]$_.Result; startDate = ConvertTo-IsoTime $_.StartDate }
        }
    })
[pscustomobject]$state
