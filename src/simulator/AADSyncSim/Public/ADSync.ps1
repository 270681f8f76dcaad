# The ADSync module's cmdlets that AADSyncKey uses. All of them need the service running.

function Find-SimConnector {
    param([Parameter(Mandatory)] $State, [string] $Name, [string] $Identifier, [Parameter(Mandatory)] $Cmdlet)
    $found = $State.connectors | Where-Object { ($Name -and $_.name -eq $Name) -or ($Identifier -and $_.identifier -eq $Identifier) } | Select-Object -First 1
    if ($null -eq $found) {
        $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'Operation failed because the specified MA could not be found.' -ErrorId 'ConnectorNotFound' `
            -Category ObjectNotFound -TargetObject $(if ($Name) { $Name } else { $Identifier })))
    }
    $found
}

function ConvertTo-SimConnector {
    param([Parameter(Mandatory)] $Connector)
    $parameters = [SimConnectivityParameters]::new()
    foreach ($entry in $Connector.connectivityParameters.GetEnumerator() | Sort-Object Key) {
        $parameters.Add([pscustomobject]@{ Name = $entry.Key; Value = $entry.Value })
    }
    [pscustomobject]@{
        PSTypeName             = 'AADSyncSim.Connector'
        Name                   = $Connector.name
        Identifier             = [guid]$Connector.identifier
        Type                   = $Connector.type
        ConnectorTypeName      = $Connector.connectorTypeName
        Subtype                = $Connector.subtype
        ConnectivityParameters = $parameters
    }
}

function Get-ADSyncConnector {
    [CmdletBinding(DefaultParameterSetName = 'All')]
    param(
        [Parameter(Position = 0, ParameterSetName = 'ByName')] [string] $Name,
        [Parameter(ParameterSetName = 'ByIdentifier')] [guid] $Identifier
    )
    Invoke-SimFault -Command 'Get-ADSyncConnector' -Cmdlet $PSCmdlet
    $state = Read-SimState
    Assert-SimServiceRunning -State $state -Cmdlet $PSCmdlet
    if ($PSCmdlet.ParameterSetName -eq 'All') { return $state.connectors | ForEach-Object { ConvertTo-SimConnector $_ } }
    ConvertTo-SimConnector (Find-SimConnector -State $state -Name $Name -Identifier $(if ($Identifier) { $Identifier.ToString() }) -Cmdlet $PSCmdlet)
}

# Saves a connector; with -ADConnectorCredential it stores that known AD DS account password, encrypted with the
# current key. Microsoft documents only -Connector; -ADConnectorCredential is a capability of the simulator that tests
# switch on and off (Set-SimCapability AddConnectorCredentialParameter), since no public source confirms it.
function Add-ADSyncConnector {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Connector)
    dynamicparam {
        if (-not (Test-SimCapability -Name 'AddConnectorCredentialParameter')) { return }
        $attributes = New-Object System.Collections.ObjectModel.Collection[System.Attribute]
        $attributes.Add((New-Object System.Management.Automation.ParameterAttribute))
        $parameter = New-Object System.Management.Automation.RuntimeDefinedParameter ('ADConnectorCredential', [pscredential], $attributes)
        $dictionary = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
        $dictionary.Add('ADConnectorCredential', $parameter)
        $dictionary
    }
    end {
        $ADConnectorCredential = $PSBoundParameters['ADConnectorCredential']
        Invoke-SimFault -Command 'Add-ADSyncConnector' -Cmdlet $PSCmdlet
        $result = Update-SimState {
            param($s)
            Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
            $stored = Find-SimConnector -State $s -Name $Connector.Name -Cmdlet $PSCmdlet
            foreach ($parameter in $Connector.ConnectivityParameters) { $stored.connectivityParameters[$parameter.Name] = [string]$parameter.Value }
            if ($ADConnectorCredential) {
                if ($stored.type -ne 'AD') {
                    $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message "The connector '$($stored.name)' is not an Active Directory connector." -ErrorId 'ConnectorTypeMismatch' -Category InvalidArgument -TargetObject $stored.name))
                }
                $account = $s.forestAccounts[$stored.name]
                $stored.credential = @{ keyGeneration = [int]$s.key.generation; hash = (New-SimPasswordHash -Password $ADConnectorCredential.Password -Salt $account.password.salt).hash }
            }
            $stored
        }
        Invoke-SimFault -Command 'Add-ADSyncConnector:after' -Cmdlet $PSCmdlet
        ConvertTo-SimConnector $result
    }
}

function Add-ADSyncADDSConnectorAccount {
    [CmdletBinding(DefaultParameterSetName = 'byName')]
    param(
        [Parameter(Mandatory, Position = 1, ParameterSetName = 'byName')] [string] $Name,
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'byIdentifier')] [guid] $Identifier,
        [pscredential] $EACredential
    )
    Invoke-SimFault -Command 'Add-ADSyncADDSConnectorAccount' -Cmdlet $PSCmdlet
    Update-SimState {
        param($s)
        Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
        $stored = Find-SimConnector -State $s -Name $Name -Identifier $(if ($Identifier) { $Identifier.ToString() }) -Cmdlet $PSCmdlet
        if ($stored.type -ne 'AD') {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message "The connector '$($stored.name)' is not an Active Directory connector." -ErrorId 'ConnectorTypeMismatch' -Category InvalidArgument -TargetObject $stored.name))
        }
        $account = $s.forestAccounts[$stored.name]
        if (-not $EACredential -or -not (Test-SimPassword -Password $EACredential.Password -Expected $account.enterpriseAdmin)) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'The user name or password is incorrect.' -ErrorId 'InvalidEnterpriseAdminCredential' -Category AuthenticationError -TargetObject $stored.name))
        }
        # Resets the account's password in AD to a new random one and stores it: nobody learns it.
        $account.password = New-SimRandomPasswordHash
        $stored.credential = @{ keyGeneration = [int]$s.key.generation; hash = $account.password.hash }
    }
}

function Add-ADSyncAADServiceAccount {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 1)] [pscredential] $AADCredential,
        [Parameter(Position = 2)] [string] $Name
    )
    Invoke-SimFault -Command 'Add-ADSyncAADServiceAccount' -Cmdlet $PSCmdlet
    if (-not $PSCmdlet.ShouldProcess($AADCredential.UserName, 'Reset the Azure AD service account password')) { return }
    Update-SimState {
        param($s)
        Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
        if ($s.aad.globalAdminMfaRequired) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this resource.' -ErrorId 'AADSTS50076' -Category AuthenticationError -TargetObject $AADCredential.UserName))
        }
        if ($AADCredential.UserName -ne $s.aad.globalAdmin.user -or -not (Test-SimPassword -Password $AADCredential.Password -Expected $s.aad.globalAdmin.password)) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'AADSTS50126: Error validating credentials due to invalid username or password.' -ErrorId 'AADSTS50126' -Category AuthenticationError -TargetObject $AADCredential.UserName))
        }
        # On a server that signs in with an application identity this is Microsoft's documented rollback
        # (authenticate-application-id.md): it creates a new Sync_ service account and switches the sign-in to it.
        if ($s.aad.identityType -ne 'ServiceAccount') {
            $s.aad.identityType = 'ServiceAccount'
            $s.aad.serviceAccountRecreations = [int]$s.aad['serviceAccountRecreations'] + 1
        }
        $aadConnector = $s.connectors | Where-Object { $_.identifier -eq 'b891884f-051e-4a83-95af-2544101c9083' }
        $aadConnector.credential = @{ keyGeneration = [int]$s.key.generation; hash = $null }
        if ($Name) { $aadConnector.connectivityParameters.UserName = $Name }
        $s.aad.stale = $false
        $s.aad.syncAccountSignInBlocked = $false
    }
}

function Set-ADSyncScheduler {
    # Documented syntax (reference-connect-adsync.md); the simulator keeps SyncCycleEnabled and SchedulerSuspended.
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)] [TimeSpan] $CustomizedSyncCycleInterval,
        [Parameter(Position = 1, ValueFromPipeline)] [bool] $SyncCycleEnabled,
        [Parameter(Position = 2, ValueFromPipeline)] [ValidateSet('Unspecified', 'Delta', 'Initial')] [string] $NextSyncCyclePolicyType,
        [Parameter(Position = 3, ValueFromPipeline)] [TimeSpan] $PurgeRunHistoryInterval,
        [Parameter(Position = 4, ValueFromPipeline)] [bool] $MaintenanceEnabled,
        [Parameter(Position = 5, ValueFromPipeline)] [bool] $SchedulerSuspended,
        [Parameter(Position = 6, ValueFromPipeline)] [switch] $Force
    )
    Invoke-SimFault -Command 'Set-ADSyncScheduler' -Cmdlet $PSCmdlet
    # Read here: inside the state update's script block, $PSBoundParameters is that block's own.
    $setEnabled = $PSBoundParameters.ContainsKey('SyncCycleEnabled')
    $setSuspended = $PSBoundParameters.ContainsKey('SchedulerSuspended')
    Update-SimState {
        param($s)
        Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
        if ($setEnabled) { $s.scheduler.syncCycleEnabled = $SyncCycleEnabled }
        if ($setSuspended) { $s.scheduler.schedulerSuspended = $SchedulerSuspended }
        $s.scheduler.changes = [int]$s.scheduler['changes'] + 1
    }
}

function Get-ADSyncScheduler {
    [CmdletBinding()]
    param()
    Invoke-SimFault -Command 'Get-ADSyncScheduler' -Cmdlet $PSCmdlet
    $state = Update-SimState { param($s) Update-SimPendingCycle -State $s; $s }
    Assert-SimServiceRunning -State $state -Cmdlet $PSCmdlet
    Assert-SimSyncAccountSignsIn -State $state -Cmdlet $PSCmdlet
    [pscustomobject]@{
        PSTypeName                           = 'AADSyncSim.SchedulerSettings'
        AllowedSyncCycleInterval             = [timespan]::FromMinutes(30)
        CurrentlyEffectiveSyncCycleInterval  = [timespan]::FromMinutes(30)
        CustomizedSyncCycleInterval          = $null
        NextSyncCyclePolicyType              = 'Delta'
        NextSyncCycleStartTimeInUTC          = [DateTime]::UtcNow.AddMinutes(30)
        PurgeRunHistoryInterval              = [timespan]::FromDays(7)
        SyncCycleEnabled                     = [bool]$state.scheduler.syncCycleEnabled
        MaintenanceEnabled                   = $true
        StagingModeEnabled                   = [bool]$state.scheduler.stagingModeEnabled
        SchedulerSuspended                   = [bool]$state.scheduler.schedulerSuspended
        SyncCycleInProgress                  = Test-SimCycleInProgress -State $state
    }
}

function Get-ADSyncGlobalSettings {
    [CmdletBinding()]
    param()
    Invoke-SimFault -Command 'Get-ADSyncGlobalSettings' -Cmdlet $PSCmdlet
    $state = Read-SimState
    Assert-SimServiceRunning -State $state -Cmdlet $PSCmdlet
    $parameters = [ordered]@{}
    foreach ($entry in @(
            @('Microsoft.Synchronize.StagingMode', [string][bool]$state.scheduler.stagingModeEnabled),
            @('Microsoft.Synchronize.ServerConfigurationVersion', $state.build))) {
        $parameters[$entry[0]] = [pscustomobject]@{ Name = $entry[0]; Value = $entry[1] }
    }
    [pscustomobject]@{ PSTypeName = 'AADSyncSim.GlobalSettings'; Parameters = $parameters }
}

function Start-ADSyncSyncCycle {
    [CmdletBinding()]
    param(
        # The real type is an enum (SynchronizationPolicyType: Delta, Initial); a set of its names binds the same.
        [Parameter(Position = 1)] [ValidateSet('Delta', 'Initial')] [string] $PolicyType = 'Delta',
        [Parameter(Position = 2)] [bool] $InteractiveMode
    )
    Invoke-SimFault -Command 'Start-ADSyncSyncCycle' -Cmdlet $PSCmdlet
    # noop: the call is answered as accepted, and no cycle ever starts.
    if (Test-SimFaultNoop -Command 'Start-ADSyncSyncCycle') { return [pscustomobject]@{ PSTypeName = 'AADSyncSim.SyncCycleResult'; Result = 'Success' } }
    Update-SimState {
        param($s)
        Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
        Update-SimPendingCycle -State $s
        if ((Test-SimCycleInProgress -State $s) -or $null -ne $s.scheduler['cycleStartsAt']) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'Sync is already running. Cannot start a new run till this one completes.' -ErrorId 'SyncAlreadyRunning' -Category ResourceBusy -TargetObject $PolicyType))
        }
        $delay = [int]$s.scheduler['cycleStartDelayMs']
        if ($delay -gt 0) { $s.scheduler.cycleStartsAt = [DateTime]::UtcNow.AddMilliseconds($delay).ToString('o') }
        else { Invoke-SimSyncRun -State $s }
    }
    Invoke-SimFault -Command 'Start-ADSyncSyncCycle:after' -Cmdlet $PSCmdlet
    [pscustomobject]@{ PSTypeName = 'AADSyncSim.SyncCycleResult'; Result = 'Success' }
}

# The run profiles Azure AD Connect creates on every connector (field-reported; the names are not in the cmdlet
# reference). Documented syntax: -ConnectorName or -ConnectorIdentifier, -RunProfileName, -Resume.
$script:SimRunProfiles = @('Full Import', 'Delta Import', 'Full Synchronization', 'Delta Synchronization', 'Export')

function Invoke-ADSyncRunProfile {
    [CmdletBinding(DefaultParameterSetName = 'ConnectorName')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'ConnectorName', ValueFromPipeline)] [string] $ConnectorName,
        [Parameter(Mandatory, ParameterSetName = 'ConnectorIdentifier', ValueFromPipeline)] [guid] $ConnectorIdentifier,
        [Parameter(Mandatory, ValueFromPipeline)] [string] $RunProfileName,
        [switch] $Resume
    )
    Invoke-SimFault -Command 'Invoke-ADSyncRunProfile' -Cmdlet $PSCmdlet
    Update-SimState {
        param($s)
        Assert-SimServiceRunning -State $s -Cmdlet $PSCmdlet
        $connector = Find-SimConnector -State $s -Name $ConnectorName -Identifier $(if ($ConnectorIdentifier) { $ConnectorIdentifier.ToString() }) -Cmdlet $PSCmdlet
        if ($script:SimRunProfiles -notcontains $RunProfileName) {
            # Text invented by the simulator.
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message "The run profile '$RunProfileName' does not exist on the connector '$($connector.name)'." -ErrorId 'RunProfileNotFound' -Category ObjectNotFound -TargetObject $RunProfileName))
        }
        if (Test-SimCycleInProgress -State $s) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'Sync is already running. Cannot start a new run till this one completes.' -ErrorId 'SyncAlreadyRunning' -Category ResourceBusy -TargetObject $RunProfileName))
        }
        $entry = Invoke-SimConnectorRun -State $s -Connector $connector -RunProfileName $RunProfileName
        [pscustomobject]@{ PSTypeName = 'AADSyncSim.RunProfileResult'; ConnectorName = $entry.connectorName; RunProfileName = $entry.runProfileName; Result = $entry.result }
    }
}

function Get-ADSyncRunProfileResult {
    [CmdletBinding(SupportsShouldProcess, PositionalBinding = $false)]
    param(
        [guid] $ConnectorId, [int] $NumberRequested = 100, [guid] $RunHistoryId, [int] $RunNumber, [guid] $RunProfileId,
        [switch] $RunStepDetails, [int] $StepNumber
    )
    Invoke-SimFault -Command 'Get-ADSyncRunProfileResult' -Cmdlet $PSCmdlet
    $state = Update-SimState { param($s) Update-SimPendingCycle -State $s; $s }
    Assert-SimServiceRunning -State $state -Cmdlet $PSCmdlet
    $now = [DateTime]::UtcNow
    @($state.runHistory) | Where-Object { -not $ConnectorId -or $_.connectorId -eq $ConnectorId.ToString() } | Select-Object -First $NumberRequested | ForEach-Object {
        # A run that has not ended yet shows as such: not complete, in-progress, no end date.
        $ended = [DateTime]::Parse($_.endDate).ToUniversalTime()
        $complete = $ended -le $now
        [pscustomobject]@{
            PSTypeName = 'AADSyncSim.RunHistory'
            RunHistoryId = [guid]$_.runHistoryId; ConnectorId = [guid]$_.connectorId; ConnectorName = $_.connectorName
            RunProfileName = $_.runProfileName; Result = $(if ($complete) { $_.result } else { 'in-progress' }); IsRunComplete = $complete
            StartDate = [DateTime]::Parse($_.startDate).ToUniversalTime(); EndDate = $(if ($complete) { $ended } else { $null })
        }
    }
}

function Get-ADSyncEntraConnectorCredential {
    [CmdletBinding()]
    param()
    $state = Read-SimState
    # The cmdlet first shipped with build 2.5.3.0; on older builds the command does not exist.
    if ([version]$state.build -lt [version]'2.5.3.0') {
        $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -ErrorId 'CommandNotFoundException' -Category ObjectNotFound -TargetObject 'Get-ADSyncEntraConnectorCredential' `
            -ExceptionType ([System.Management.Automation.CommandNotFoundException]) `
            -Message "The term 'Get-ADSyncEntraConnectorCredential' is not recognized as a name of a cmdlet, function, script file, or executable program."))
    }
    Assert-SimServiceRunning -State $state -Cmdlet $PSCmdlet
    # Whether this local read fails like Get-ADSyncScheduler when the Sync_ account cannot sign in is not known.
    if (Test-SimCapability -Name 'EntraCredentialReadNeedsSignIn') { Assert-SimSyncAccountSignsIn -State $state -Cmdlet $PSCmdlet }
    [pscustomobject]@{ ConnectorIdentityType = $state.aad.identityType }
}
