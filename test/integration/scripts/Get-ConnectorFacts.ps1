# What Get-AADSyncConnector does for an administrator (test/integration/get-connector.test.ts): filters, the
# pipeline, wildcards, errors and -ErrorAction, tab completion and typed exceptions, on the simulated servers
# 'three', 'stopped' and 'invalid' under -Root (with a data folder 'data' beside them).
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
function Get-Failure($Record) {
    [pscustomobject]@{ ErrorId = $Record.FullyQualifiedErrorId.Split(',')[0]; Category = [string]$Record.CategoryInfo.Category; Target = [string]$Record.TargetObject; Message = $Record.Exception.Message }
}
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$env:AADSYNCKEY_DATA_DIR = (Join-Path $Root 'data')
$env:AADSYNCKEY_SIMULATOR = Join-Path $Root 'three'
$all = @(Get-AADSyncConnector | ForEach-Object { $_ | Add-Member -NotePropertyName TypeName -NotePropertyValue $_.PSObject.TypeNames[0] -PassThru })
$adOnly = @(Get-AADSyncConnector -Type AD | ForEach-Object Name)
$piped = @(Get-AADSyncConnector -Type AD | Get-AADSyncConnector | ForEach-Object Name)
$unknown = try { Get-AADSyncConnector -Name 'no-such.forest' } catch { Get-Failure $_ }
$several = @(Get-AADSyncConnector -Name contoso.com, fabrikam.com | ForEach-Object Name)
$byValue = @('contoso.com', 'litware.net' | Get-AADSyncConnector | ForEach-Object Name)
$wildcard = @(Get-AADSyncConnector -Name 'contoso*', '*.net' | ForEach-Object Name)
$noMatch = @(Get-AADSyncConnector -Name 'nothing*' | ForEach-Object Name)
$ErrorActionPreference = 'Continue'
$silentNames = @(Get-AADSyncConnector -Name 'nope.org', 'contoso.com' -ErrorAction SilentlyContinue -ErrorVariable silentErrors | ForEach-Object Name)
$silent = [pscustomobject]@{ names = $silentNames; errors = @($silentErrors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) }
$notCaught = try { $null = Get-AADSyncConnector -Name 'nope.org' 2>$null; 'not caught' } catch { 'caught' }
$null = Get-AADSyncKeyRecoveryJournal -RecoveryId 'nope' -ErrorAction SilentlyContinue -ErrorVariable journalErrors
$journalMissing = @($journalErrors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
$ErrorActionPreference = 'Stop'
$complete = { param([string] $Line) @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText) }
$completeName = @(& $complete 'Get-AADSyncConnector -Name fab')
$completeReset = @(& $complete 'Invoke-AADSyncKeyRecovery -ResetConnector ')
$completeRecovery = @(& $complete 'Get-AADSyncKeyRecoveryJournal -RecoveryId 2026')
$properties = @((Get-AADSyncConnector -Name contoso.com).PSObject.Properties.Name)
$typed = try { Get-AADSyncConnector -Name 'nope.org' -ErrorAction Stop; 'not thrown' } catch [AADSyncKey.ConnectorException] { 'ConnectorException ' + $_.Exception.ErrorId } catch { 'untyped ' + $_.Exception.GetType().FullName }
$family = try { Get-AADSyncConnector -Name 'nope.org' -ErrorAction Stop } catch [AADSyncKey.AADSyncKeyException] { $_.Exception.GetType().BaseType.FullName }
$env:AADSYNCKEY_SIMULATOR = Join-Path $Root 'stopped'
$stopped = try { Get-AADSyncConnector } catch { Get-Failure $_ }
$env:AADSYNCKEY_SIMULATOR = Join-Path $Root 'invalid'
$invalid = @(Get-AADSyncConnector -Type AD | Select-Object Name, CredentialState)
[pscustomobject]@{ all = $all; adOnly = $adOnly; piped = $piped; unknown = $unknown; stopped = $stopped; invalid = $invalid
    several = $several; byValue = $byValue; wildcard = $wildcard; noMatch = $noMatch; silent = $silent; notCaught = $notCaught; journalMissing = $journalMissing
    completeName = $completeName; completeReset = $completeReset; completeRecovery = $completeRecovery; properties = $properties; typed = $typed; family = $family } | ConvertTo-Json -Depth 5
