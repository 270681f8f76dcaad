# Writes one audit event to the Application log under the AADSyncKey source, where Windows administrators look for
# who changed what: registers the source first when it is missing and allowed. Never fails the command it audits:
# the result says whether the event was written and, if not, why. The message names no secret.
param(
    [Parameter(Mandatory = $true)] [int] $EventId,
    [Parameter(Mandatory = $true)] [string] $Message,
    [ValidateSet('Information', 'Warning')] [string] $EntryType = 'Information'
)

$source = 'AADSyncKey'
if ($null -eq (Get-Command -Name 'Write-EventLog' -ErrorAction SilentlyContinue)) {
    return [pscustomobject]@{ written = $false; reason = 'Write-EventLog is not in this PowerShell (it is in Windows PowerShell 5.1, where the session runs against a real server by default).' }
}
try {
    Write-EventLog -LogName Application -Source $source -EventId $EventId -EntryType $EntryType -Message $Message -ErrorAction Stop
    return [pscustomobject]@{ written = $true; reason = $null }
}
catch {
    $first = $_.Exception.Message
}
# The usual reason is a source not yet registered; registering it needs an administrator.
try {
    New-EventLog -LogName Application -Source $source -ErrorAction Stop
    Write-EventLog -LogName Application -Source $source -EventId $EventId -EntryType $EntryType -Message $Message -ErrorAction Stop
    [pscustomobject]@{ written = $true; reason = $null }
}
catch {
    [pscustomobject]@{ written = $false; reason = "the event source '$source' could not be used ($first) or registered ($($_.Exception.Message))" }
}
