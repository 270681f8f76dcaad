# Get-WinEvent -FilterHashtable over the simulated Application and System logs.

function Get-WinEvent {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $FilterHashtable, [int] $MaxEvents = [int]::MaxValue)
    Invoke-SimFault -Command 'Get-WinEvent' -Cmdlet $PSCmdlet
    $logNames = @($FilterHashtable['LogName'])
    $ids = if ($FilterHashtable.ContainsKey('Id')) { @($FilterHashtable['Id'] | ForEach-Object { [int]$_ }) } else { $null }
    $providers = if ($FilterHashtable.ContainsKey('ProviderName')) { @($FilterHashtable['ProviderName']) } else { $null }
    $start = if ($FilterHashtable.ContainsKey('StartTime')) { ([datetime]$FilterHashtable['StartTime']).ToUniversalTime() } else { [datetime]::MinValue }
    $found = @(
        (Read-SimState).events |
            Where-Object { $logNames -contains $_.logName } |
            Where-Object { $null -eq $ids -or $ids -contains [int]$_.id } |
            Where-Object { $null -eq $providers -or $providers -contains $_.providerName } |
            Where-Object { [DateTime]::Parse($_.timeCreated).ToUniversalTime() -ge $start } |
            Sort-Object { [long]$_.recordId } -Descending |
            Select-Object -First $MaxEvents
    )
    if ($found.Count -eq 0) {
        $PSCmdlet.WriteError((New-SimErrorRecord -Message 'No events were found that match the specified selection criteria.' `
            -ErrorId 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Category ObjectNotFound -TargetObject $null))
        return
    }
    foreach ($e in $found) {
        [pscustomobject]@{
            PSTypeName       = 'AADSyncSim.EventLogRecord'
            Id               = [int]$e.id
            LogName          = $e.logName
            ProviderName     = $e.providerName
            LevelDisplayName = $e.level
            TimeCreated      = [DateTime]::Parse($e.timeCreated).ToUniversalTime()
            RecordId         = [long]$e.recordId
            Message          = $e.message
            MachineName      = (Read-SimState).serverName
        }
    }
}
