# The server's behaviour: starting the service, reading stored credentials, and running a sync cycle.

$script:SimDisplayName = 'Microsoft Azure AD Sync'

function Set-SimFailedStart {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [ValidateSet('Key', 'Logon', 'LogonRight')] [string] $Reason)
    $State.service.status = 'Stopped'
    $State.service.processId = 0
    if ($Reason -in 'Logon', 'LogonRight') {
        $State.service.exitCode = 1069
        $State.service.serviceSpecificExitCode = 0
        Add-SimADSyncScmEvent -State $State -What $(if ($Reason -eq 'Logon') { 'logonFailure' } else { 'logonRightMissing' })
    }
    else {
        $State.service.exitCode = 1066
        $State.service.serviceSpecificExitCode = $script:SimKeySymptomCode
        Add-SimEvent -State $State -LogName Application -Id 6028 -Message 'The server encryption key cannot be accessed.'
        Add-SimADSyncScmEvent -State $State -What keyFailure
    }
}

# Returns $null when the service started, or the reason it did not.
function Start-SimServiceNow {
    param([Parameter(Mandatory)] $State)
    if ($State.service.status -eq 'Running') { return $null }
    if (-not $State.service.scmPasswordValid) { Set-SimFailedStart -State $State -Reason Logon; return 'Logon' }
    if ($State.service.ContainsKey('logonRightGranted') -and -not $State.service.logonRightGranted) { Set-SimFailedStart -State $State -Reason LogonRight; return 'Logon' }
    if ($State.key.state -eq 'Unreadable') { Set-SimFailedStart -State $State -Reason Key; return 'Key' }
    if ($State.key.state -eq 'Abandoned') {
        # With no key set, the service creates a new one at start; nothing stored under the old one is readable.
        $State.key = @{ state = 'Healthy'; generation = [int]$State.key.generation + 1; keysetId = [int]$State.key.keysetId + 1; instanceId = [guid]::NewGuid().ToString(); abandonCount = [int]$State.key['abandonCount'] }
    }
    $State.service.status = 'Running'
    $State.service.exitCode = 0
    $State.service.serviceSpecificExitCode = 0
    $State.service.processId = Get-Random -Minimum 1000 -Maximum 60000
    $State.service.lastStartTime = Get-SimNow
    Add-SimADSyncScmEvent -State $State -What running
    $null
}

function Test-SimCredentialReadable {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Credential)
    $State.key.state -eq 'Healthy' -and [int]$Credential.keyGeneration -eq [int]$State.key.generation
}

function Get-SimRunResult {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Connector)
    if ($Connector.type -eq 'AD') {
        $account = $State.forestAccounts[$Connector.name]
        if (-not (Test-SimCredentialReadable -State $State -Credential $Connector.credential) -or $Connector.credential.hash -ne $account.password.hash) {
            Add-SimEvent -State $State -LogName Application -Id 6000 -Message ('The management agent "{0}" failed to run because the credentials were invalid' -f $Connector.name)
            return 'no-start-credentials'
        }
        return 'success'
    }
    if ($State.aad.identityType -eq 'Application' -and $State.aad['dpapiLost'] -and -not (Test-SimCapability -Name 'ApplicationKeySurvivesDpapiLoss')) {
        # The certificate's private key is gone with the DPAPI keys (inferred): the token request fails.
        Add-SimEvent -State $State -LogName Application -Id 906 -Message 'GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.'
        return 'stopped-extension-dll-exception'
    }
    if ($State.aad.identityType -eq 'ServiceAccount' -and -not (Test-SimCredentialReadable -State $State -Credential $Connector.credential)) {
        Add-SimEvent -State $State -LogName Application -Id 6000 -Message ('The management agent "{0}" failed to run because the credentials were invalid' -f $Connector.name)
        return 'no-start-credentials'
    }
    if ($State.aad.stale) {
        $text = 'AADSTS50054: Old password is used for authentication.'
        Add-SimEvent -State $State -LogName Application -Id 659 -Message "Error while retrieving password policy sync configuration. $text"
        Add-SimEvent -State $State -LogName Application -Id 6900 -Message "The server encountered an unexpected error while processing a password change notification: $text"
        return 'stopped-extension-dll-exception'
    }
    if ($State.aad.syncAccountSignInBlocked) {
        Add-SimEvent -State $State -LogName Application -Id 906 -Message 'GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). The ADSync service is not allowed to continue.'
        return 'stopped-extension-dll-exception'
    }
    'success'
}

# What a run that signed in fine ends with on a healthy server of today (field-reported): most runs have nothing to
# do, and the Azure AD connector's exports often carry object errors (duplicate attributes and the like).
function Get-SimHealthyRunResult {
    param([Parameter(Mandatory)] $Connector, [Parameter(Mandatory)] [string] $RunProfileName)
    $isAzureAD = $Connector.type -ne 'AD'
    switch -Wildcard ($RunProfileName) {
        '*Import' { 'success' }
        '*Synchronization' { if ($isAzureAD) { 'completed-no-objects' } else { 'success' } }
        'Export' { if ($isAzureAD) { 'completed-export-errors' } else { 'completed-no-objects' } }
        default { 'success' }
    }
}

# A result a test forced with Set-SimRunResult for this connector and run profile (wildcards in both), if any.
function Get-SimForcedRunResult {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Connector, [Parameter(Mandatory)] [string] $RunProfileName)
    foreach ($forced in @($State['forcedRunResults'])) {
        if ($null -ne $forced -and $Connector.name -like $forced.connector -and $RunProfileName -like $forced.runProfile) { return $forced.result }
    }
    $null
}

# One run of one connector's run profile, recorded in the run history (newest first); returns the history entry.
# Imports and exports sign in to the connector's directory, so a bad credential fails them; a synchronization run
# works on the server's own database and ends the same whatever the password. A run completes at CompletesAt.
function Invoke-SimConnectorRun {
    param(
        [Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Connector, [string] $RunProfileName = 'Delta Import', [string] $Started = (Get-SimNow),
        [string] $CompletesAt
    )
    $result = Get-SimForcedRunResult -State $State -Connector $Connector -RunProfileName $RunProfileName
    if ($null -eq $result -and $RunProfileName -match 'Import|Export') {
        $result = Get-SimRunResult -State $State -Connector $Connector
        if ($result -eq 'success') { $result = Get-SimHealthyRunResult -Connector $Connector -RunProfileName $RunProfileName }
    }
    if ($null -eq $result) { $result = Get-SimHealthyRunResult -Connector $Connector -RunProfileName $RunProfileName }
    $entry = @{
        runHistoryId = [guid]::NewGuid().ToString(); connectorId = $Connector.identifier; connectorName = $Connector.name
        runProfileName = $RunProfileName; result = $result; startDate = $Started; endDate = $(if ($CompletesAt) { $CompletesAt } else { Get-SimNow })
    }
    $State.runHistory = @($entry) + @($State.runHistory | Select-Object -First 300)
    $entry
}

# The run profiles of a delta cycle, in the order the scheduler runs them on every connector.
$script:SimDeltaCycleProfiles = @('Delta Import', 'Delta Synchronization', 'Export')

# One delta cycle: Delta Import on every connector, then Delta Synchronization, then Export, recorded in the run
# history (newest first). With a cycle duration, the runs end one after another over it and show as not complete
# (IsRunComplete false, in-progress) until then.
function Invoke-SimSyncRun {
    param([Parameter(Mandatory)] $State)
    $started = [DateTime]::UtcNow
    $duration = [int]$State.scheduler.cycleDurationMs
    $runs = @(foreach ($profileName in $script:SimDeltaCycleProfiles) { foreach ($connector in $State.connectors) { , @($profileName, $connector) } })
    $index = 0
    foreach ($run in $runs) {
        $index += 1
        $endsAt = $started.AddMilliseconds($duration * $index / $runs.Count).ToString('o')
        $null = Invoke-SimConnectorRun -State $State -Connector $run[1] -RunProfileName $run[0] -Started $started.ToString('o') -CompletesAt $endsAt
    }
    $State.scheduler.cycleEndsAt = if ($duration -gt 0) { $started.AddMilliseconds($duration).ToString('o') } else { $null }
}

# Start-ADSyncSyncCycle only asks the scheduler for a cycle: it starts a moment later (cycleStartDelayMs), so right
# after the call SyncCycleInProgress is still false and there are no new runs. A pending cycle whose time has come
# runs when the state is next read through an ADSync command.
function Update-SimPendingCycle {
    param([Parameter(Mandatory)] $State)
    if ($null -eq $State.scheduler['cycleStartsAt']) { return }
    if ([DateTime]::Parse($State.scheduler.cycleStartsAt).ToUniversalTime() -gt [DateTime]::UtcNow) { return }
    $State.scheduler.cycleStartsAt = $null
    Invoke-SimSyncRun -State $State
}

function Test-SimCycleInProgress {
    param([Parameter(Mandatory)] $State)
    $null -ne $State.scheduler.cycleEndsAt -and [DateTime]::Parse($State.scheduler.cycleEndsAt).ToUniversalTime() -gt [DateTime]::UtcNow
}
