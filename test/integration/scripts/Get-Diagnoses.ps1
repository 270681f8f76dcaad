# Test-AADSyncEncryptionKey, plain and -Detailed, on every simulated server under -Root (folders named 0, 1, 2...),
# in the folders' order.
param([Parameter(Mandatory = $true)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$answers = New-Object System.Collections.Generic.List[object]
foreach ($server in Get-ChildItem -LiteralPath $Root -Directory | Sort-Object { [int]$_.Name }) {
    $env:AADSYNCKEY_SIMULATOR = $server.FullName
    $d = Test-AADSyncEncryptionKey -Detailed
    $answers.Add([pscustomobject]@{
            Test                     = [bool](Test-AADSyncEncryptionKey)
            Status                   = [string]$d.Status
            AbandonKeyRunbookApplies = $d.AbandonKeyRunbookApplies
            RecommendedAction        = $d.RecommendedAction
            TypeName                 = $d.PSObject.TypeNames[0]
            EvidenceIds              = @($d.Evidence | ForEach-Object { $_.Id })
            ReadFailures             = @((Get-AADSyncServerState).ReadFailures)
        })
}
ConvertTo-Json -InputObject $answers.ToArray() -Depth 5
