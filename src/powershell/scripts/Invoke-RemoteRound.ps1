# One round of the core's remote hub (RemoteHub.ps1): opens the servers' PSSessions it is asked to, starts each
# request on its server, and returns the answers that are ready ({ ticket, line }), as soon as one is.
[CmdletBinding()]
param(
    [object[]] $Requests = @(),
    [string[]] $Close = @(),
    [int] $WaitMs = 200,
    [int] $ThrottleLimit = 32
)
foreach ($answer in @(Invoke-AADSyncKeyHubRound -Requests $Requests -Close $Close -WaitMs $WaitMs -ThrottleLimit $ThrottleLimit -Root (Split-Path -Parent $PSScriptRoot))) {
    [pscustomobject]@{ ticket = [int]$answer.ticket; line = [string]$answer.line }
}
