# Runs one remoting case of test/integration/remoting.test.ts through the module, as an administrator would on
# their own machine, against simulated servers behind private sshd processes. Writes one JSON document.
# The canary password arrives on standard input (first line), never in this script or its arguments.
param(
    [Parameter(Mandatory = $true)] [ValidateSet('Diagnose', 'Recover', 'Rerun', 'RecoverSeveral', 'Refusals', 'SessionTimeout')] [string] $Case,
    [Parameter(Mandatory = $true)] [string] $ConfigPath
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$config = Get-Content -LiteralPath $ConfigPath -Raw | ConvertFrom-Json
$env:AADSYNCKEY_DATA_DIR = $config.dataFolder
Remove-Item Env:AADSYNCKEY_SIMULATOR -ErrorAction SilentlyContinue
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$servers = @($config.servers)
$first = $servers[0]

# Every server of a test has the same port, user and key folder layout; options carry the server's known_hosts.
function Get-SshOption($Server) { @{ UserKnownHostsFile = $Server.knownHostsPath; StrictHostKeyChecking = 'yes' } }
function Get-RemoteParameter($Server) {
    @{ HostName = $Server.hostName; Port = [int]$Server.port; UserName = 'root'; KeyFilePath = $Server.keyFilePath; Options = (Get-SshOption $Server) }
}
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
function New-CanaryCredential([string] $User) { New-TestCredential $User $script:canary }
function ConvertTo-ErrorFact($Record) {
    @{ id = $Record.FullyQualifiedErrorId; category = [string]$Record.CategoryInfo.Category; target = [string]$Record.TargetObject; message = $Record.Exception.Message; exceptionType = $Record.Exception.GetType().FullName }
}

$result = @{}
switch ($Case) {
    'Diagnose' {
        # Two servers in one call over SSH (-HostName a,b): each answers for itself, marked with its name.
        $both = Get-RemoteParameter $first
        $both.HostName = @($servers | ForEach-Object { $_.hostName })
        # One known_hosts file that holds both servers' keys.
        $both.Options = @{ UserKnownHostsFile = $config.knownHostsPath; StrictHostKeyChecking = 'yes' }
        $result.diagnoses = @(Test-AADSyncEncryptionKey @both -Detailed | ForEach-Object { @{ computer = $_.PSComputerName; status = [string]$_.Status; server = $_.ComputerName; staging = $_.StagingMode; types = @($_.PSObject.TypeNames) } })
        $result.keyTests = @(Test-AADSyncEncryptionKey @both | ForEach-Object { @{ computer = $_.PSComputerName; value = [bool]$_ } })
        # The same servers through PSSessions the caller opened.
        $sessions = @($servers | ForEach-Object { New-PSSession -HostName $_.hostName -Port $_.port -UserName root -KeyFilePath $_.keyFilePath -Options (Get-SshOption $_) })
        $result.states = @(Get-AADSyncServerState -Session $sessions | ForEach-Object { @{ computer = $_.PSComputerName; server = $_.ComputerName; staging = $_.StagingMode } })
        $result.connectors = @(Get-AADSyncConnector -Session $sessions[0] | ForEach-Object { @{ computer = $_.PSComputerName; name = $_.Name } })
        $result.sessionsAfter = @($sessions | ForEach-Object { [string]$_.State })
        $sessions | Remove-PSSession
        # One server that does not answer among two: its own error, and the other's answer.
        $broken = Get-RemoteParameter $first
        $broken.HostName = @($first.hostName, $config.deadHostName)
        $broken.Options = @{ UserKnownHostsFile = $config.knownHostsPath; StrictHostKeyChecking = 'yes' }
        $answers = @(Test-AADSyncEncryptionKey @broken -Detailed -ErrorAction SilentlyContinue -ErrorVariable failures)
        $result.partial = @{ answered = @($answers | ForEach-Object { $_.PSComputerName }); errors = @($failures | ForEach-Object { ConvertTo-ErrorFact $_ }) }
        # The local core's warm sessions: a second call to the same server reuses its PSSession.
        $again = Get-RemoteParameter $first
        $result.secondCall = [bool](Test-AADSyncEncryptionKey @again)
    }
    'Recover' {
        $script:canary = [Console]::In.ReadLine()
        $remote = Get-RemoteParameter $first
        $connectorCredential = @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') }
        try {
            $run = Invoke-AADSyncKeyRecovery @remote -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential $connectorCredential -Confirm:$false -Verbose 4>&1 3>&1
            $recovery = @($run | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] }) | Select-Object -Last 1
            $result.outcome = [string]$recovery.Outcome
            $result.computer = [string]$recovery.PSComputerName
            $result.messages = @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
        }
        catch { $result.error = ConvertTo-ErrorFact $_ }
    }
    'Rerun' {
        $script:canary = [Console]::In.ReadLine()
        $remote = Get-RemoteParameter $first
        $result.unfinished = @(Get-AADSyncKeyRecoveryJournal -Unfinished).Count
        try {
            $recovery = Invoke-AADSyncKeyRecovery @remote -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -Confirm:$false
            $result.outcome = [string]$recovery.Outcome
            $result.resumed = [bool]$recovery.Resumed
        }
        catch { $result.error = ConvertTo-ErrorFact $_ }
        $result.healthy = [bool](Test-AADSyncEncryptionKey @remote)
    }
    'RecoverSeveral' {
        # Both servers in one call: one journal, one lock and one abandon each, in the order given.
        $script:canary = [Console]::In.ReadLine()
        $both = Get-RemoteParameter $first
        $both.HostName = @($servers | ForEach-Object { $_.hostName })
        $both.Options = @{ UserKnownHostsFile = $config.knownHostsPath; StrictHostKeyChecking = 'yes' }
        $recoveries = @(Invoke-AADSyncKeyRecovery @both -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\MSOL_c') } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures)
        $result.recoveries = @($recoveries | ForEach-Object { @{ computer = $_.PSComputerName; outcome = [string]$_.Outcome; server = $_.ComputerName } })
        $result.errors = @($failures | ForEach-Object { ConvertTo-ErrorFact $_ })
        $result.journals = @(Get-AADSyncKeyRecoveryJournal | Where-Object { $_.Outcome -eq 'Succeeded' } | ForEach-Object { [string]$_.ComputerName })
        $result.healthy = @(Test-AADSyncEncryptionKey @both | ForEach-Object { @{ computer = $_.PSComputerName; value = [bool]$_ } })
    }
    'SessionTimeout' {
        # A caller's PSSession whose server hangs: the call ends at -TimeoutSeconds, and the PSSession still works.
        $session = New-PSSession -HostName $first.hostName -Port $first.port -UserName root -KeyFilePath $first.keyFilePath -Options (Get-SshOption $first)
        Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
        Connect-SimADSyncServer -Path $config.statePath
        Set-SimFault -Command Get-CimInstance -Mode hang
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try { $null = Get-AADSyncServerState -Session $session -TimeoutSeconds 5; $result.hung = @{ id = $null } }
        catch { $result.hung = ConvertTo-ErrorFact $_ }
        $result.seconds = $watch.Elapsed.TotalSeconds
        Clear-SimFault
        $result.after = [string](Get-AADSyncServerState -Session $session).ComputerName
        $result.sessionState = [string]$session.State
        Remove-PSSession $session
    }
    'Refusals' {
        $remote = Get-RemoteParameter $first
        $calls = @(
            @{ name = 'ComputerNameAndHostName'; call = { Get-AADSyncServerState -ComputerName 'server1' -HostName 'server2' } },
            @{ name = 'SshOptionWithWinRM'; call = { Test-AADSyncEncryptionKey -ComputerName 'server1' -KeyFilePath '/tmp/key' } },
            @{ name = 'WinRMOptionWithSsh'; call = { Test-AADSyncEncryptionKey -HostName 'server1' -UseSSL } },
            @{ name = 'OptionWithoutServer'; call = { Test-AADSyncEncryptionKey -Port 22 } },
            @{ name = 'OnePathSeveralServers'; call = { Export-AADSyncServerSurface -Path (Join-Path $config.dataFolder 'surface.json') -HostName $first.hostName, $config.deadHostName -Port $first.port -Confirm:$false } },
            @{ name = 'ClosedSession'; call = { $s = New-PSSession -HostName $first.hostName -Port $first.port -UserName root -KeyFilePath $first.keyFilePath -Options (Get-SshOption $first); Remove-PSSession $s; Remove-AADSyncEncryptionKey -Session $s -Confirm:$false } }
        )
        $result.refusals = @(foreach ($refusal in $calls) {
                try { $null = & $refusal.call; @{ name = $refusal.name; id = $null } }
                catch { $fact = ConvertTo-ErrorFact $_; $fact.name = $refusal.name; $fact }
            })
    }
}
$result | ConvertTo-Json -Depth 8
