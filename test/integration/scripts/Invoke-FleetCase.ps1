# A fleet of simulated servers read in one call, as an administrator reads the servers of a tenant: every server
# behind one sshd on a loopback address of its own. Read: all servers and a dead name in one call, then what runs on
# this side (the processes under this PowerShell: the module's core and what it started). Throttle: the first
# -Count servers hold their first read (a held fault) while a thread releases them one at a time; the simulators'
# hold logs then tell how many servers were read at once. Timeout: one of three servers hangs past -TimeoutSeconds.
param(
    [Parameter(Mandatory = $true)] [string] $ConfigPath,
    [int] $ThrottleLimit = 4,
    [int] $ThrottleCount = 8
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$config = Get-Content -LiteralPath $ConfigPath -Raw | ConvertFrom-Json
$env:AADSYNCKEY_DATA_DIR = $config.dataFolder
Remove-Item Env:AADSYNCKEY_SIMULATOR -ErrorAction SilentlyContinue
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$simulatorModule = Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1'
$servers = @($config.servers)
$remote = @{ Port = [int]$config.port; UserName = 'root'; KeyFilePath = $config.keyFilePath; Options = @{ UserKnownHostsFile = $config.knownHostsPath; StrictHostKeyChecking = 'yes' } }

. (Join-Path $PSScriptRoot 'DescendantProcess.ps1')

function ConvertTo-ErrorFact($Record) {
    @{ id = $Record.FullyQualifiedErrorId; category = [string]$Record.CategoryInfo.Category; target = [string]$Record.TargetObject; message = $Record.Exception.Message }
}

$result = @{}
$names = @($servers | ForEach-Object { $_.hostName }) + $config.deadHostName
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$answers = @(Test-AADSyncEncryptionKey @remote -HostName $names -Detailed -ErrorAction SilentlyContinue -ErrorVariable failures)
$result.read = @{
    answers = @($answers | ForEach-Object { @{ computer = $_.PSComputerName; server = $_.ComputerName; status = [string]$_.Status } })
    errors = @($failures | ForEach-Object { ConvertTo-ErrorFact $_ })
    processes = @(Get-DescendantProcess)
    seconds = $watch.Elapsed.TotalSeconds
}

# Throttle: the first servers' reads wait at their first Get-CimInstance until released, one by one, oldest first.
$held = @($servers | Select-Object -First $ThrottleCount)
Import-Module $simulatorModule
foreach ($server in $held) {
    Connect-SimADSyncServer -Path $server.statePath
    Set-SimFault -Command Get-CimInstance -Mode held
}
$releaser = Start-ThreadJob -ArgumentList $simulatorModule, @($held | ForEach-Object { $_.statePath }), $ThrottleLimit -ScriptBlock {
    param($SimulatorModule, $Paths, $Limit)
    Import-Module $SimulatorModule
    $released = @{}
    $deadline = [DateTime]::UtcNow.AddSeconds(180)
    while ($released.Count -lt $Paths.Count -and [DateTime]::UtcNow -lt $deadline) {
        # Waits on the servers' state: until as many as may be read at once are held (or all that are left).
        $holding = @(foreach ($path in $Paths) {
                if ($released.ContainsKey($path)) { continue }
                $state = Get-Content -LiteralPath (Join-Path $path 'state.json') -Raw | ConvertFrom-Json -DateKind String
                $log = @($state.PSObject.Properties['heldLog'] | ForEach-Object { $_.Value })
                if ($log.Count -gt 0) { @{ path = $path; reachedAt = [string]$log[0].reachedAt } }
            })
        if ($holding.Count -lt [Math]::Min($Limit, $Paths.Count - $released.Count)) { Start-Sleep -Milliseconds 50; continue }
        $oldest = $holding | Sort-Object { $_.reachedAt } | Select-Object -First 1
        Connect-SimADSyncServer -Path $oldest.path
        Clear-SimFault
        $released[$oldest.path] = $true
    }
    # Whatever happened, nothing is left held.
    foreach ($path in $Paths) { Connect-SimADSyncServer -Path $path; Clear-SimFault }
    $released.Count
}
$watch.Restart()
$throttled = @(Test-AADSyncEncryptionKey @remote -HostName @($held | ForEach-Object { $_.hostName }) -ThrottleLimit $ThrottleLimit -Detailed -ErrorAction SilentlyContinue -ErrorVariable throttleFailures)
$releasedCount = Receive-Job -Job $releaser -Wait -AutoRemoveJob
$result.throttle = @{
    answered = @($throttled | ForEach-Object { $_.PSComputerName })
    errors = @($throttleFailures | ForEach-Object { ConvertTo-ErrorFact $_ })
    released = [int]$releasedCount
    seconds = $watch.Elapsed.TotalSeconds
    holds = @(foreach ($server in $held) {
            $state = Get-Content -LiteralPath (Join-Path $server.statePath 'state.json') -Raw | ConvertFrom-Json -DateKind String
            foreach ($hold in @($state.heldLog)) { @{ computer = $server.hostName; reachedAt = [string]$hold.reachedAt; releasedAt = [string]$hold.releasedAt } }
        })
}
# Time limits are each server's own: one server hangs, the others answer, and the hung one answers the next call.
$three = @($servers | Select-Object -First 3)
Connect-SimADSyncServer -Path $three[2].statePath
Set-SimFault -Command Get-CimInstance -Mode hang
$watch.Restart()
$states = @(Get-AADSyncServerState @remote -HostName @($three | ForEach-Object { $_.hostName }) -TimeoutSeconds 5 -ErrorAction SilentlyContinue -ErrorVariable timeoutFailures)
$seconds = $watch.Elapsed.TotalSeconds
Clear-SimFault
$result.timeout = @{
    answered = @($states | ForEach-Object { $_.PSComputerName })
    errors = @($timeoutFailures | ForEach-Object { ConvertTo-ErrorFact $_ })
    seconds = $seconds
    after = [string](Get-AADSyncServerState @remote -HostName $three[2].hostName).ComputerName
}
$result | ConvertTo-Json -Depth 8
