# Write-EventLog and New-EventLog (Windows PowerShell 5.1's cmdlets, with their documented parameters) over the
# simulated Application log. A source must be registered before it writes; registering one needs an administrator,
# a capability tests switch off (EventSourceRegistration). The messages of their failures are the simulator's own.

function New-EventLog {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $LogName,
        [Parameter(Mandatory, Position = 1)] [string[]] $Source,
        [Parameter(Position = 2)] [string[]] $ComputerName,
        [string] $CategoryResourceFile, [string] $MessageResourceFile, [string] $ParameterResourceFile
    )
    if (-not (Test-SimCapability -Name 'EventSourceRegistration')) {
        $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message 'Requested registry access is not allowed.' -ErrorId 'System.Security.SecurityException,Microsoft.PowerShell.Commands.NewEventLogCommand' -Category PermissionDenied -TargetObject $LogName))
    }
    Update-SimState { param($s) if (-not $s.ContainsKey('eventSources')) { $s.eventSources = @() }; $s.eventSources = @($s.eventSources) + @($Source) }
}

function Write-EventLog {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $LogName,
        [Parameter(Mandatory, Position = 1)] [string] $Source,
        [Parameter(Position = 3)] [ValidateSet('Error', 'Warning', 'Information', 'SuccessAudit', 'FailureAudit')] [string] $EntryType = 'Information',
        [int16] $Category,
        [Parameter(Mandatory, Position = 2)] [int] $EventId,
        [Parameter(Mandatory, Position = 4)] [string] $Message,
        [byte[]] $RawData,
        [string] $ComputerName
    )
    Update-SimState {
        param($s)
        if (-not $s.ContainsKey('eventSources') -or @($s.eventSources) -notcontains $Source) {
            $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord -Message "The source name `"$Source`" does not exist on computer `"localhost`"." -ErrorId 'Microsoft.PowerShell.Commands.WriteEventLogCommand' -Category InvalidOperation -TargetObject $Source))
        }
        $level = if ($EntryType -in 'Warning', 'Information') { $EntryType } else { 'Error' }
        Add-SimEvent -State $s -LogName Application -Id $EventId -Level $level -ProviderName $Source -Message $Message
    }
}
