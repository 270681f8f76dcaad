# ErrorRecords shaped like the ones the real commands raise (same message, ErrorId and category).

function New-SimErrorRecord {
    param(
        [Parameter(Mandatory)] [string] $Message,
        [Parameter(Mandatory)] [string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
        $TargetObject = $null,
        [type] $ExceptionType = [System.InvalidOperationException]
    )
    $exception = $ExceptionType::new($Message)
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}

# The ADSync cmdlets talk to the running service; with it stopped they fail like the console does.
function Assert-SimServiceRunning {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Cmdlet)
    if ($State.service.status -ne 'Running') {
        $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -ErrorId 'SyncServiceNotRunning' -Category ResourceUnavailable -TargetObject 'ADSync' `
            -Message 'Unable to connect to the Synchronization Service. Some possible reasons are: 1) The service is not started. 2) Your account is not a member of a required security group. See the Synchronization Service documentation for details.'))
    }
}
