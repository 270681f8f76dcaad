# One call of Get-AADSyncServerState that is expected to fail, and what its ErrorRecord says: the id, the command,
# the exception's type and the recommended action.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
try {
    $null = Get-AADSyncServerState
    [pscustomobject]@{ errorId = $null } | ConvertTo-Json
}
catch {
    [pscustomobject]@{ errorId = $_.FullyQualifiedErrorId; command = $_.InvocationInfo.MyCommand.Name; type = $_.Exception.GetType().FullName; action = $_.ErrorDetails.RecommendedAction } | ConvertTo-Json
}
