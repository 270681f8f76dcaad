# The cases of test/integration/event-reads.test.ts, in one pwsh: the simulator's two Get-WinEvent semantics
# (Windows PowerShell 5.1's, the default, and PowerShell 7's), and the diagnosis of a recovered server under each,
# after the service was stopped and started again. Passwords arrive on standard input: contoso.com's connector
# account, then the Global Administrator's.
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$forests = @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_contoso' $secrets[0]) }
$globalAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' $secrets[1]
# Another service's transitions, which the noise logs (the key-lost server has no ADSync 7036 with data yet).
$namedKeyFilter = @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7036; param1 = 'Print Spooler' }
$scmQuery = "*[System[Provider[@Name='Service Control Manager'] and (EventID=7036)]]"

foreach ($edition in '51', '7') {
    $server = Get-Server "lost$edition"
    $null = New-SimADSyncServer -Path $server -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
    Connect-SimADSyncServer -Path $server
    # Other services' transitions, and events with ADSync's ids from other sources, as on a busy server.
    Add-SimEventNoise
    if ($edition -eq '7') { Set-SimCapability -Name WindowsPowerShell51EventFilter -Present $false }

    Invoke-Case "$edition.namedKey" $server {
        $found = @(Get-WinEvent -FilterHashtable $namedKeyFilter -ErrorAction SilentlyContinue -ErrorVariable failed)
        [pscustomobject]@{ count = $found.Count; errorIds = @($failed | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) }
    }
    Invoke-Case "$edition.xpath" $server { @(Get-WinEvent -LogName System -FilterXPath $scmQuery | ForEach-Object { [int]$_.Id }) }
    Invoke-Case "$edition.xpathUnsupported" $server { Get-WinEvent -LogName System -FilterXPath "*[EventData[Data[@Name='param1']='Microsoft Azure AD Sync']]" }
    Invoke-Case "$edition.recover" $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
    Invoke-Case "$edition.after" $server { Test-AADSyncEncryptionKey -Detailed }
    Invoke-Case "$edition.afterState" $server { Get-AADSyncServerState }
    Invoke-Case "$edition.stopped" $server { Connect-SimADSyncServer -Path $server; Stop-Service -Name ADSync; Test-AADSyncEncryptionKey -Detailed }
    Invoke-Case "$edition.restarted" $server { Connect-SimADSyncServer -Path $server; Start-Service -Name ADSync; Test-AADSyncEncryptionKey -Detailed }
}
$outcomes | ConvertTo-Json -Depth 8
