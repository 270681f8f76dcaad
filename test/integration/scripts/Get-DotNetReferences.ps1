# Lists the .NET types and static members that PowerShell files (their paths on standard input, one a line; or with
# -FromText one script text) use: type literals ([System.IO.Path]), static calls and properties
# ([System.IO.Path]::Join(...), with their argument count), and whether each sits in a branch of an if whose
# condition checks the edition or platform (code only PowerShell 7 runs). Instance members are not listed: their
# types are not known before the script runs.
param([switch] $FromText)
$ErrorActionPreference = 'Stop'
$standardInput = [Console]::In.ReadToEnd()
. (Join-Path $PSScriptRoot 'EditionGuard.ps1')
$guardPattern = 'PSEdition|IsCoreCLR|IsLinux|IsMacOS|IsWindows|PSVersionTable\.PSVersion'

function Get-TypeFullName($TypeName) {
    $resolved = $null
    try { $resolved = $TypeName.GetReflectionType() } catch { $resolved = $null }
    if ($null -ne $resolved) { return $resolved.FullName }
    [string]$TypeName.FullName
}

function Get-References([string] $Name, $Ast) {
    $found = @()
    foreach ($node in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.MemberExpressionAst] -and $n.Static -and $n.Expression -is [System.Management.Automation.Language.TypeExpressionAst] }, $true)) {
        $arity = if ($node -is [System.Management.Automation.Language.InvokeMemberExpressionAst]) { @($node.Arguments).Count } else { $null }
        $found += [pscustomobject]@{ file = $Name; type = Get-TypeFullName $node.Expression.TypeName; member = [string]$node.Member.Extent.Text; arity = $arity; guarded = Test-EditionGuarded $node $guardPattern; line = $node.Extent.StartLineNumber }
    }
    foreach ($node in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TypeExpressionAst] -or $n -is [System.Management.Automation.Language.TypeConstraintAst] }, $true)) {
        $found += [pscustomobject]@{ file = $Name; type = Get-TypeFullName $node.TypeName; member = $null; arity = $null; guarded = Test-EditionGuarded $node $guardPattern; line = $node.Extent.StartLineNumber }
    }
    $found
}

$references = if ($FromText) {
    $tokens = $null; $errors = $null
    Get-References '<text>' ([System.Management.Automation.Language.Parser]::ParseInput($standardInput, [ref]$tokens, [ref]$errors))
}
else {
    foreach ($file in @($standardInput -split "`n" | Where-Object { $_ })) {
        $tokens = $null; $errors = $null
        Get-References $file ([System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors))
    }
}
ConvertTo-Json -InputObject @($references) -Depth 3
