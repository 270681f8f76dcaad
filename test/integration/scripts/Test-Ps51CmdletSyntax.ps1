# Checks PowerShell files (their paths on standard input, one a line; or with -FromText one script text) against
# Windows PowerShell 5.1's documented cmdlet syntax (-SyntaxFile: test/fixtures/ps51-syntax.json, a copy of the
# project's shared facts). Every call of a cmdlet that 5.1 documents must use only parameters (or their aliases)
# that 5.1 has for it, common parameters included; a cmdlet that only PowerShell 7 has may not be called at all.
# Calls in a branch of an if that checks the edition, the platform or the SSH transport (code only PowerShell 7
# reaches) are exempt. Writes the findings as JSON.
param([Parameter(Mandatory = $true)] [string] $SyntaxFile, [switch] $FromText)
$ErrorActionPreference = 'Stop'
$standardInput = [Console]::In.ReadToEnd()
. (Join-Path $PSScriptRoot 'EditionGuard.ps1')
$syntax = Get-Content -Raw -LiteralPath $SyntaxFile | ConvertFrom-Json
$guardPattern = 'PSEdition|IsCoreCLR|IsLinux|IsMacOS|IsWindows|PSVersionTable\.PSVersion|HostName|SSHTransport'

$common = @{}
foreach ($parameter in @($syntax.commonParameters) + @($syntax.shouldProcessParameters)) {
    $common[$parameter.name] = $true
    foreach ($alias in @($parameter.aliases)) { if ($alias) { $common[$alias] = $true } }
}
$cmdlets = @{}
foreach ($cmdlet in $syntax.cmdlets) {
    $names = @{}
    foreach ($parameter in @($cmdlet.parameterSets | ForEach-Object { $_.parameters })) {
        $names[$parameter.name] = $true
        foreach ($alias in @($parameter.aliases)) { if ($alias) { $names[$alias] = $true } }
    }
    if ($cmdlet.whatIfConfirm) { $names['WhatIf'] = $true; $names['Confirm'] = $true; $names['wi'] = $true; $names['cf'] = $true }
    $cmdlets[$cmdlet.name] = @{ parameters = $names; common = [bool]$cmdlet.commonParameters }
}
$sevenOnly = @{}
foreach ($cmdlet in $syntax.notIn51) { $sevenOnly[$cmdlet.name] = $true }

$findings = New-Object System.Collections.Generic.List[string]
$checked = 0
function Test-Calls([string] $Name, $Ast) {
    foreach ($call in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $command = $call.GetCommandName()
        if (-not $command) { continue }
        $guarded = Test-EditionGuarded $call $guardPattern
        if ($sevenOnly.ContainsKey($command) -and -not $cmdlets.ContainsKey($command)) {
            if (-not $guarded) { $findings.Add("${Name}:$($call.Extent.StartLineNumber) $command is not in Windows PowerShell 5.1") }
            continue
        }
        if (-not $cmdlets.ContainsKey($command)) { continue }
        $script:checked++
        if ($guarded) { continue }
        $known = $cmdlets[$command]
        foreach ($element in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            $parameter = $element.ParameterName
            if ($known.parameters.ContainsKey($parameter) -or ($known.common -and $common.ContainsKey($parameter))) { continue }
            $findings.Add("${Name}:$($call.Extent.StartLineNumber) $command -$parameter is not in Windows PowerShell 5.1's syntax")
        }
    }
}

if ($FromText) {
    $tokens = $null; $errors = $null
    Test-Calls '<text>' ([System.Management.Automation.Language.Parser]::ParseInput($standardInput, [ref]$tokens, [ref]$errors))
}
else {
    foreach ($file in @($standardInput -split "`n" | Where-Object { $_ })) {
        $tokens = $null; $errors = $null
        Test-Calls $file ([System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors))
    }
}
[pscustomobject]@{ checked = $checked; findings = $findings.ToArray() } | ConvertTo-Json -Depth 3
