# A second administrator's calls while a recovery of the same server runs elsewhere: a forced key removal and a
# recovery. Writes one JSON line: each call's error id, or 'ran'.
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$set = New-TestCredentialSet (Read-TestSecret)
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$answers = @{}
try { Remove-AADSyncEncryptionKey -Force -Confirm:$false | Out-Null; $answers.remove = 'ran' } catch { $answers.remove = $_.FullyQualifiedErrorId.Split(',')[0] }
try { Invoke-AADSyncKeyRecovery -AADCredential $set.GlobalAdmin -ConnectorCredential $set.Forests -Confirm:$false | Out-Null; $answers.recover = 'ran' } catch { $answers.recover = $_.FullyQualifiedErrorId.Split(',')[0] }
$answers | ConvertTo-Json -Compress
