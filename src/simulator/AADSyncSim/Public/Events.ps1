# Get-WinEvent -FilterHashtable over the simulated Application and System logs. Keys other than LogName, Id,
# ProviderName and StartTime are named event data (param1 = 'Microsoft Azure AD Sync'), as Get-WinEvent allows.
# Each record has Properties (the event data values, in order) and ToXml() with EventData and Binary, like
# EventLogRecord.

$script:SimFilterKeys = @('LogName', 'Id', 'ProviderName', 'StartTime')

function ConvertTo-SimEventXml {
    param([Parameter(Mandatory)] $EventEntry)
    $escape = { param($text) [System.Security.SecurityElement]::Escape([string]$text) }
    $data = foreach ($entry in $EventEntry['data'].GetEnumerator()) { "<Data Name='$($entry.Key)'>$(& $escape $entry.Value)</Data>" }
    $binary = if ($EventEntry['binary']) { "<Binary>$($EventEntry['binary'])</Binary>" } else { '' }
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='$(& $escape $EventEntry.providerName)'/><EventID>$($EventEntry.id)</EventID><TimeCreated SystemTime='$($EventEntry.timeCreated)'/><EventRecordID>$($EventEntry.recordId)</EventRecordID><Channel>$($EventEntry.logName)</Channel></System><EventData>$($data -join '')$binary</EventData></Event>"
}

function Get-WinEvent {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $FilterHashtable, [int] $MaxEvents = [int]::MaxValue)
    Invoke-SimFault -Command 'Get-WinEvent' -Cmdlet $PSCmdlet
    $logNames = @($FilterHashtable['LogName'])
    $ids = if ($FilterHashtable.ContainsKey('Id')) { @($FilterHashtable['Id'] | ForEach-Object { [int]$_ }) } else { $null }
    $providers = if ($FilterHashtable.ContainsKey('ProviderName')) { @($FilterHashtable['ProviderName']) } else { $null }
    $start = if ($FilterHashtable.ContainsKey('StartTime')) { ([datetime]$FilterHashtable['StartTime']).ToUniversalTime() } else { [datetime]::MinValue }
    $named = @($FilterHashtable.Keys | Where-Object { $script:SimFilterKeys -notcontains $_ })
    $state = Read-SimState
    $found = @(
        $state.events |
            Where-Object { $logNames -contains $_.logName } |
            Where-Object { $null -eq $ids -or $ids -contains [int]$_.id } |
            Where-Object { $null -eq $providers -or $providers -contains $_.providerName } |
            Where-Object { [DateTime]::Parse($_.timeCreated).ToUniversalTime() -ge $start } |
            Where-Object {
                $eventEntry = $_
                $eventData = if ($eventEntry.ContainsKey('data') -and $null -ne $eventEntry['data']) { $eventEntry['data'] } else { @{} }
                @($named | Where-Object { -not $eventData.Contains($_) -or @($FilterHashtable[$_]) -notcontains $eventData[$_] }).Count -eq 0
            } |
            Sort-Object { [long]$_.recordId } -Descending |
            Select-Object -First $MaxEvents
    )
    if ($found.Count -eq 0) {
        $PSCmdlet.WriteError((New-SimErrorRecord -Message 'No events were found that match the specified selection criteria.' `
            -ErrorId 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Category ObjectNotFound -TargetObject $null))
        return
    }
    foreach ($e in $found) {
        if (-not $e.ContainsKey('data') -or $null -eq $e['data']) { $e['data'] = [ordered]@{} }
        $record = [pscustomobject]@{
            PSTypeName       = 'AADSyncSim.EventLogRecord'
            Id               = [int]$e.id
            LogName          = $e.logName
            ProviderName     = $e.providerName
            LevelDisplayName = $e.level
            TimeCreated      = [DateTime]::Parse($e.timeCreated).ToUniversalTime()
            RecordId         = [long]$e.recordId
            Message          = $e.message
            MachineName      = $state.serverName
            Properties       = @($e['data'].Values | ForEach-Object { [pscustomobject]@{ Value = $_ } })
        }
        $xml = ConvertTo-SimEventXml -EventEntry $e
        $record | Add-Member -MemberType ScriptMethod -Name ToXml -Value ([scriptblock]::Create("'" + $xml.Replace("'", "''") + "'"))
        $record
    }
}
