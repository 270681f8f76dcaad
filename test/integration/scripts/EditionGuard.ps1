# EditionGuard.ps1: dot-sourced by the static checks of shipped scripts (Get-DotNetReferences.ps1,
# Test-Ps51CmdletSyntax.ps1). Test-EditionGuarded says whether a syntax node sits in a branch of an if whose condition
# matches -Pattern (an edition, platform or transport check: code only PowerShell 7 reaches), not in the condition.
function Test-EditionGuarded($Node, [string] $Pattern) {
    $child = $Node
    for ($parent = $Node.Parent; $null -ne $parent; $parent = $parent.Parent) {
        if ($parent -is [System.Management.Automation.Language.IfStatementAst]) {
            $conditions = @($parent.Clauses | ForEach-Object { $_.Item1.Extent.Text }) -join ' '
            $inCondition = @($parent.Clauses | Where-Object { $_.Item1 -eq $child }).Count -gt 0
            if (-not $inCondition -and $conditions -match $Pattern) { return $true }
        }
        $child = $parent
    }
    $false
}
