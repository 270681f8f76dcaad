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

# Field-reported: cmdlets that sign in to Entra with the Sync_ account throw this when it cannot sign in (MFA or
# Conditional Access on the account, or its stored password unreadable just after an abandon). The text is the
# .NET message seen in those reports.
function Assert-SimSyncAccountSignsIn {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] $Cmdlet)
    $aad = $State.connectors | Where-Object { $_.type -ne 'AD' } | Select-Object -First 1
    $unreadable = $State.aad.identityType -eq 'ServiceAccount' -and $null -ne $aad -and -not (Test-SimCredentialReadable -State $State -Credential $aad.credential)
    if ($State.aad.syncAccountSignInBlocked -or $unreadable) {
        $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -ErrorId 'System.InvalidOperationException' -Category InvalidOperation -TargetObject $null `
            -Message 'Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation. Specify the ServiceNotification or DefaultDesktopOnly style to display a notification from a service application.'))
    }
}
