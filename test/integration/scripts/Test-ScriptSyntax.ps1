# Parses PowerShell files (their paths on standard input, one a line), or with -FromText the text on standard input,
# and reports for each its parse errors and what in it only PowerShell 7 runs: ternaries, pipeline chains (&& ||),
# null-coalescing (?? ??=), null-conditional access (?. ?[]) and 'clean' blocks.
param([switch] $FromText)
$ErrorActionPreference = 'Stop'
$standardInput = [Console]::In.ReadToEnd()
function Get-SyntaxReport([string] $Name, $Ast, $Tokens, $Errors) {
    $found = @()
    $found += @($Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] }, $true) | ForEach-Object { 'ternary: ' + $_.Extent.Text })
    $found += @($Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineChainAst] }, $true) | ForEach-Object { 'pipeline chain: ' + $_.Extent.Text })
    $found += @($Tokens | Where-Object { $_.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr', 'Clean' } | ForEach-Object { 'token ' + $_.Kind + ': line ' + $_.Extent.StartLineNumber })
    [pscustomobject]@{ file = $Name; parseErrors = @($Errors | ForEach-Object { $_.Message }); sevenOnly = @($found) }
}
$reports = if ($FromText) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($standardInput, [ref]$tokens, [ref]$errors)
    Get-SyntaxReport '<text>' $ast $tokens $errors
}
else {
    foreach ($file in @($standardInput -split "`n" | Where-Object { $_ })) {
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
        Get-SyntaxReport $file $ast $tokens $errors
    }
}
ConvertTo-Json -InputObject @($reports) -Depth 4
