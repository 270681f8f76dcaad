# Get-WinEvent over the simulated Application and System logs, in its two documented forms:
# -FilterHashtable, and -LogName with -FilterXPath. Hashtable keys other than LogName, Id, ProviderName and StartTime
# are named event data (param1 = 'Microsoft Azure AD Sync'). Windows PowerShell 5.1 turns such a key into a broken
# query that finds nothing (PowerShell/PowerShell#2327, fixed in PowerShell 6 by PR #2373; PowerShell-Docs#5007):
# the simulator answers so unless the capability WindowsPowerShell51EventFilter is switched off.
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

# The XPath subset of an event query that the module writes, e.g.
# *[System[Provider[@Name='Service Control Manager'] and (EventID=7036 or EventID=7000) and TimeCreated[@SystemTime>='2026-01-01T00:00:00.000Z']]]
# Anything else (event data, other axes) is refused, so that a script cannot lean on a query the simulator only
# pretends to run.
function ConvertFrom-SimEventXPath {
    param([string] $XPath, [Parameter(Mandatory)] $Cmdlet)
    $query = @{ ids = $null; providers = $null; start = [datetime]::MinValue }
    if ([string]::IsNullOrWhiteSpace($XPath) -or $XPath.Trim() -eq '*') { return $query }
    $rest = $XPath
    $providers = @([regex]::Matches($rest, "Provider\[@Name='([^']+)'\]") | ForEach-Object { $_.Groups[1].Value })
    $rest = [regex]::Replace($rest, "Provider\[@Name='([^']+)'\]", '')
    $ids = @([regex]::Matches($rest, 'EventID\s*=\s*(\d+)') | ForEach-Object { [int]$_.Groups[1].Value })
    $rest = [regex]::Replace($rest, 'EventID\s*=\s*(\d+)', '')
    $time = [regex]::Match($rest, "TimeCreated\[@SystemTime\s*>=\s*'([^']+)'\]")
    if ($time.Success) { $query.start = ([datetime]::Parse($time.Groups[1].Value)).ToUniversalTime() }
    $rest = [regex]::Replace($rest, "TimeCreated\[@SystemTime\s*>=\s*'([^']+)'\]", '')
    if ($rest -notmatch '^[\s\*\[\]\(\)]*(System)?[\s\[\]\(\)]*((and|or)[\s\[\]\(\)]*)*$') {
        # Text invented by the simulator: a real Get-WinEvent runs any valid query.
        $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -Message "The simulated Get-WinEvent supports only Provider, EventID and TimeCreated in -FilterXPath; it cannot run: $XPath" -ErrorId 'SimulatedXPathUnsupported' -Category NotImplemented -TargetObject $XPath))
    }
    if ($providers.Count -gt 0) { $query.providers = $providers }
    if ($ids.Count -gt 0) { $query.ids = $ids }
    $query
}

function Get-WinEvent {
    [CmdletBinding(DefaultParameterSetName = 'GetLogSet')]
    param(
        [Parameter(ParameterSetName = 'GetLogSet', Position = 0)] [string[]] $LogName,
        [Parameter(ParameterSetName = 'GetLogSet')] [string] $FilterXPath,
        [Parameter(Mandatory, ParameterSetName = 'HashQuerySet', Position = 0)] [hashtable[]] $FilterHashtable,
        [long] $MaxEvents = [long]::MaxValue
    )
    Invoke-SimFault -Command 'Get-WinEvent' -Cmdlet $PSCmdlet
    if ($PSCmdlet.ParameterSetName -eq 'GetLogSet') {
        $query = ConvertFrom-SimEventXPath -XPath $FilterXPath -Cmdlet $PSCmdlet
        $logNames = @($LogName); $ids = $query.ids; $providers = $query.providers; $start = $query.start; $named = @(); $filter = @{}
    }
    else {
        $filter = $FilterHashtable[0]
        $logNames = @($filter['LogName'])
        $ids = if ($filter.ContainsKey('Id')) { @($filter['Id'] | ForEach-Object { [int]$_ }) } else { $null }
        $providers = if ($filter.ContainsKey('ProviderName')) { @($filter['ProviderName']) } else { $null }
        $start = if ($filter.ContainsKey('StartTime')) { ([datetime]$filter['StartTime']).ToUniversalTime() } else { [datetime]::MinValue }
        $named = @($filter.Keys | Where-Object { $script:SimFilterKeys -notcontains $_ })
        if ($named.Count -gt 0 -and (Test-SimCapability -Name 'WindowsPowerShell51EventFilter')) {
            # 5.1 builds a query that matches no event: the caller sees what an empty log gives.
            $PSCmdlet.WriteError((New-SimErrorRecord -Message 'No events were found that match the specified selection criteria.' `
                -ErrorId 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Category ObjectNotFound -TargetObject $null))
            return
        }
    }
    $first = [int][Math]::Min($MaxEvents, [long][int]::MaxValue)
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
                @($named | Where-Object { -not $eventData.Contains($_) -or @($filter[$_]) -notcontains $eventData[$_] }).Count -eq 0
            } |
            Sort-Object { [long]$_.recordId } -Descending |
            Select-Object -First $first
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
