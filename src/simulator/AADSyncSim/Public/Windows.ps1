# Get-Service, Start-Service, Stop-Service and Get-CimInstance Win32_Service for the ADSync service.

function Get-SimServiceOrError {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] $Cmdlet, [string] $CommandType)
    if ($State.installed -and $Name -eq 'ADSync') { return $true }
    $Cmdlet.WriteError((New-SimErrorRecord -Message "Cannot find any service with service name '$Name'." `
        -ErrorId "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.$CommandType" -Category ObjectNotFound -TargetObject $Name))
    $false
}

function ConvertTo-SimServiceController {
    param([Parameter(Mandatory)] $State)
    [pscustomobject]@{
        PSTypeName  = 'AADSyncSim.ServiceController'
        Name        = 'ADSync'
        ServiceName = 'ADSync'
        DisplayName = $script:SimDisplayName
        Status      = $State.service.status
        StartType   = $State.service.startType
    }
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Name = @('ADSync'))
    Invoke-SimFault -Command 'Get-Service' -Cmdlet $PSCmdlet
    $state = Read-SimState
    foreach ($one in $Name) {
        if (Get-SimServiceOrError -State $state -Name $one -Cmdlet $PSCmdlet -CommandType 'GetServiceCommand') { ConvertTo-SimServiceController -State $state }
    }
}

function Start-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [switch] $PassThru)
    Invoke-SimFault -Command 'Start-Service' -Cmdlet $PSCmdlet
    if (-not (Get-SimServiceOrError -State (Read-SimState) -Name $Name -Cmdlet $PSCmdlet -CommandType 'StartServiceCommand')) { return }
    if (-not $PSCmdlet.ShouldProcess("$($script:SimDisplayName) ($Name)", 'Start-Service')) { return }
    $failure = Update-SimState { param($s) Start-SimServiceNow -State $s }
    if ($null -ne $failure) {
        $PSCmdlet.WriteError((New-SimErrorRecord -ErrorId 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand' -Category OpenError -TargetObject $Name `
            -Message "Service '$($script:SimDisplayName) ($Name)' cannot be started due to the following error: Cannot start service $Name on computer '.'."))
        return
    }
    if ($PassThru) { ConvertTo-SimServiceController -State (Read-SimState) }
}

function Stop-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [switch] $Force, [switch] $PassThru)
    Invoke-SimFault -Command 'Stop-Service' -Cmdlet $PSCmdlet
    if (-not (Get-SimServiceOrError -State (Read-SimState) -Name $Name -Cmdlet $PSCmdlet -CommandType 'StopServiceCommand')) { return }
    if (-not $PSCmdlet.ShouldProcess("$($script:SimDisplayName) ($Name)", 'Stop-Service')) { return }
    Update-SimState {
        param($s)
        if ($s.service.status -ne 'Stopped') {
            $s.service.status = 'Stopped'
            $s.service.processId = 0
            $s.service.exitCode = 0
            $s.service.serviceSpecificExitCode = 0
            Add-SimADSyncScmEvent -State $s -What stopped
        }
    }
    if ($PassThru) { ConvertTo-SimServiceController -State (Read-SimState) }
}

function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [string] $ClassName, [string] $Filter)
    Invoke-SimFault -Command 'Get-CimInstance' -Cmdlet $PSCmdlet
    if ($ClassName -eq 'Win32_ComputerSystem') {
        return [pscustomobject]@{ PSTypeName = 'AADSyncSim.Win32_ComputerSystem'; Name = (Read-SimState).serverName; Domain = 'contoso.com' }
    }
    if ($ClassName -ne 'Win32_Service') {
        $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'Invalid class' -ErrorId 'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' -Category ObjectNotFound -TargetObject $ClassName))
    }
    $state = Read-SimState
    $wanted = if ($Filter -match "^\s*Name\s*=\s*'([^']*)'\s*$") { $Matches[1] } else { $null }
    if (-not $state.installed -or ($null -ne $wanted -and $wanted -ne 'ADSync')) { return }
    [pscustomobject]@{
        PSTypeName              = 'AADSyncSim.Win32_Service'
        Name                    = 'ADSync'
        DisplayName             = $script:SimDisplayName
        State                   = $state.service.status
        StartMode               = if ($state.service.startType -eq 'Automatic') { 'Auto' } else { $state.service.startType }
        StartName               = $state.service.account
        ExitCode                = [uint32]$state.service.exitCode
        ServiceSpecificExitCode = [uint32]$state.service.serviceSpecificExitCode
        ProcessId               = [uint32]$state.service.processId
        PathName                = '"' + (Join-Path (Get-SimInstallLocation) 'Bin/miiserver.exe') + '"'
    }
}
