# After a kill in test/integration/recovery-kill.test.ts that took the administrator's own pwsh: a new one clears the
# server's faults, runs the administrator's command again when a journal is unfinished, and reports what the server
# and the journal say (see KilledRecovery.ps1). The server is -Server; the passwords arrive on standard input (see
# New-TestCredentialSet).
param([Parameter(Mandatory = $true)] [string] $Server)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
. (Join-Path $PSScriptRoot 'KilledRecovery.ps1')
$set = New-TestCredentialSet (Read-TestSecret)
Complete-TestKilledRecovery -Server $Server -CredentialSet $set | ConvertTo-Json -Depth 5
