# The cases of test/integration/recovery-safety.test.ts, in one pwsh: a resume never harms a server the journal no
# longer fits, the key is abandoned at most once, and the journal survives hand edits. Servers live under -Root;
# the passwords arrive on standard input (see New-TestCredentialSet).
param([Parameter(Mandatory = $true)] [string] $Root)
. (Join-Path $PSScriptRoot 'CaseHarness.ps1') -Root $Root
$set = New-TestCredentialSet $secrets
$forests = $set.Forests
$globalAdmin = $set.GlobalAdmin
$wrongAdmin = New-TestCredential 'admin@contoso.onmicrosoft.com' 'an-old-password'
$long = New-TestCredential 'CONTOSO\MSOL_c' ('x' * 257)
function New-Server([string] $Path, [string[]] $Scenario = 'KeyLost') {
    $null = New-SimADSyncServer -Path $Path -Scenario $Scenario -ForestName 'contoso.com', 'fabrikam.com' -ForestCredential $forests -GlobalAdminCredential $globalAdmin
}
function Set-Fault([string] $Server, [string] $Command, [string] $Mode) { Connect-SimADSyncServer $Server; Set-SimFault -Command $Command -Mode $Mode }
function Clear-Fault([string] $Server) { Connect-SimADSyncServer $Server; Clear-SimFault }
function Repair-ByHand {
    Remove-AADSyncEncryptionKey -Confirm:$false | Out-Null
    Start-AADSyncService -SkipSyncCycle -Confirm:$false | Out-Null
    foreach ($name in $forests.Keys) { Set-AADSyncConnectorCredential -ConnectorName $name -Credential $forests[$name] -Confirm:$false | Out-Null }
    Reset-AADSyncAADServiceAccount -AADCredential $globalAdmin -Confirm:$false | Out-Null
}
foreach ($name in 'repairedThenLogon', 'repairedHealthy', 'stoppedOnResume', 'failedAbandon', 'noopAbandon', 'journalPath', 'otherData', 'edited', 'inputs') { New-Server (Get-Server $name) }

# 1. An old Failed journal, a server repaired by hand, then another problem: the resume must not abandon again.
$server = Get-Server 'repairedThenLogon'
Set-Fault $server 'Get-Service' 'fail'
Invoke-Case 'repairedThenLogon.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Clear-Fault $server
Invoke-Case 'repairedThenLogon.byHand' $server { Repair-ByHand; Test-AADSyncEncryptionKey }
Connect-SimADSyncServer $server; Add-SimScenario -Scenario LogonFailure
Invoke-Case 'repairedThenLogon' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'repairedThenLogon.journal' $server { @(Get-AADSyncKeyRecoveryJournal | Where-Object { $_.Steps[0].Error -like '*Get-Service*' -or $_.Outcome -eq 'Superseded' }) | Select-Object -First 1 }

$server = Get-Server 'repairedHealthy'
Set-Fault $server 'Get-Service' 'fail'
Invoke-Case 'repairedHealthy.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Clear-Fault $server
Invoke-Case 'repairedHealthy.byHand' $server { Repair-ByHand }
Invoke-Case 'repairedHealthy' $server { Invoke-AADSyncKeyRecovery -Resume -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# 3. The service found stopped on resume is started before the steps that need it.
$server = Get-Server 'stoppedOnResume'
Invoke-Case 'stoppedOnResume.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -Confirm:$false }
Connect-SimADSyncServer $server; Stop-Service -Name ADSync -Force
Invoke-Case 'stoppedOnResume' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# 6. A failed or ineffective miiskmu /a is never counted as an abandon; the rerun abandons once.
$server = Get-Server 'failedAbandon'
Set-Fault $server 'miiskmu /a' 'fail'
Invoke-Case 'failedAbandon.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Invoke-Case 'failedAbandon.journal' $server { Get-AADSyncKeyRecoveryJournal -Unfinished | Where-Object { $_.Steps[1].Error -like '*KeyAbandonFailed*' } | Select-Object -First 1 }
Clear-Fault $server
Invoke-Case 'failedAbandon' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
$server = Get-Server 'noopAbandon'
Set-Fault $server 'miiskmu /a' 'noop'
Invoke-Case 'noopAbandon.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
Clear-Fault $server
Invoke-Case 'noopAbandon' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }

# 4. A journal kept with -JournalPath is found by a rerun without it; one out of reach is not needed either:
# the server's own record of the abandon keeps a new recovery from abandoning again.
$server = Get-Server 'journalPath'
$kept = Join-Path $Root 'kept/journal.json'
Invoke-Case 'journalPath.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -JournalPath $kept -Confirm:$false }
Invoke-Case 'journalPath' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
$server = Get-Server 'otherData'
$env:AADSYNCKEY_DATA_DIR = Join-Path $Root 'data-one'
Set-Fault $server 'Start-Service' 'fail'
# The failed start ends the step at once; the time limit only has to cover miiskmu /a on a busy machine.
Invoke-Case 'otherData.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false -TimeoutSeconds 30 }
Clear-Fault $server
Remove-Item -LiteralPath (Join-Path $Root 'data-one') -Recurse -Force
# The data folder changes in the same PowerShell session: the running core must follow it.
$env:AADSYNCKEY_DATA_DIR = Join-Path $Root 'data-two'
Invoke-Case 'otherData' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false }
$env:AADSYNCKEY_DATA_DIR = Join-Path $Root 'data'

# 7. A hand-edited journal that still matches the schema is refused and changes nothing.
$server = Get-Server 'edited'
$editedPath = Join-Path $Root 'edited.json'
Invoke-Case 'edited.first' $server { Invoke-AADSyncKeyRecovery -AADCredential $wrongAdmin -ConnectorCredential $forests -JournalPath $editedPath -Confirm:$false }
$editedJournal = Get-Content -Raw -LiteralPath $editedPath | ConvertFrom-Json
$editedJournal.steps = @($editedJournal.steps[0], $editedJournal.steps[1]) + @($editedJournal.steps)
foreach ($step in $editedJournal.steps[0..1]) { $step.status = 'Pending' }
$editedJournal | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $editedPath
Invoke-Case 'edited' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -Confirm:$false -JournalPath $editedPath }

# 8. Limits: passwords no server accepts, an empty -JournalPath, time limits as parameters.
$server = Get-Server 'inputs'
Invoke-Case 'longPassword' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential @{ 'contoso.com' = $long; 'fabrikam.com' = $forests['fabrikam.com'] } -Confirm:$false }
Invoke-Case 'emptyJournalPath' $server { Invoke-AADSyncKeyRecovery -AADCredential $globalAdmin -ConnectorCredential $forests -JournalPath '' -Confirm:$false }
Invoke-Case 'timeouts' $server { @((Get-Module AADSyncKey).ExportedFunctions.Keys | Where-Object { $_ -notmatch 'Journal|Report' } | Where-Object { -not (Get-Command $_).Parameters.ContainsKey('TimeoutSeconds') }) }
$outcomes | ConvertTo-Json -Depth 8
