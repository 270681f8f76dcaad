# Checks two things against Microsoft's documented ADSync syntax (test/fixtures/adsync-syntax.json, a copy of the
# project's shared facts): (1) the simulator's ADSync functions declare exactly that syntax, so a call with an
# undocumented parameter fails in tests; (2) every ADSync call in the session scripts binds to it, unless the same
# script checks the server's own command first (Assert-AADSyncKeyCommandParameter for a parameter,
# Test-AADSyncKeyCommand for a cmdlet). Writes the findings as JSON.
param(
    [Parameter(Mandatory = $true)] [string] $SyntaxFile,
    [Parameter(Mandatory = $true)] [string] $SimulatorManifest,
    [Parameter(Mandatory = $true)] [string] $ScriptFolder,
    [Parameter(Mandatory = $true)] [string] $StatePath,
    [Parameter(Mandatory = $true)] [ValidateSet('present', 'absent')] [string] $Capability
)
$ErrorActionPreference = 'Stop'
$CapabilityPresent = $Capability -eq 'present'
$syntax = Get-Content -Raw -LiteralPath $SyntaxFile | ConvertFrom-Json
$common = @($syntax.commonParameters | ForEach-Object { $_.name }) + @('ProgressAction')
$shouldProcess = @($syntax.shouldProcessParameters | ForEach-Object { $_.name })
# The one parameter no public source shows that the module needs, present in the simulator only as a capability.
$capabilities = @{ 'Add-ADSyncConnector' = @('ADConnectorCredential') }
$typeNames = @{ 'String' = 'String'; 'PSCredential' = 'PSCredential'; 'Guid' = 'Guid'; 'Int32' = 'Int32'; 'SwitchParameter' = 'SwitchParameter'; 'Boolean' = 'Boolean'; 'SynchronizationPolicyType' = 'String'; 'TimeSpan' = 'TimeSpan' }

Import-Module $SimulatorManifest
Connect-SimADSyncServer -Path $StatePath
Set-SimCapability -Name AddConnectorCredentialParameter -Present $CapabilityPresent

$simulatorFindings = New-Object System.Collections.Generic.List[string]
$checked = New-Object System.Collections.Generic.List[string]
foreach ($cmdlet in $syntax.cmdlets) {
    $function = Get-Command -Name $cmdlet.name -Module AADSyncSim -ErrorAction SilentlyContinue
    if ($null -eq $function) { continue }
    $checked.Add($cmdlet.name)
    $documented = @($cmdlet.parameterSets | ForEach-Object { $_.parameters } | ForEach-Object { $_.name } | Select-Object -Unique)
    if ($cmdlet.whatIfConfirm) { $documented += $shouldProcess }
    $allowedExtra = @(); if ($capabilities.ContainsKey($cmdlet.name) -and $CapabilityPresent) { $allowedExtra = $capabilities[$cmdlet.name] }
    foreach ($name in $function.Parameters.Keys) {
        if ($common -contains $name) { continue }
        if ($documented -notcontains $name -and $allowedExtra -notcontains $name) { $simulatorFindings.Add("$($cmdlet.name): -$name is not documented") }
    }
    foreach ($name in $documented) {
        if (-not $function.Parameters.ContainsKey($name)) { $simulatorFindings.Add("$($cmdlet.name): documented -$name is missing") }
    }
    if (-not $CapabilityPresent -and $capabilities.ContainsKey($cmdlet.name)) {
        foreach ($name in $capabilities[$cmdlet.name]) { if ($function.Parameters.ContainsKey($name)) { $simulatorFindings.Add("$($cmdlet.name): -$name is there with the capability off") } }
    }
    if ($cmdlet.basis -ne 'reference') { continue }
    # A syntax table: types, mandatory and positions per parameter set, too.
    foreach ($set in $cmdlet.parameterSets) {
        foreach ($parameter in $set.parameters) {
            if ($shouldProcess -contains $parameter.name) { continue }
            $actual = $function.Parameters[$parameter.name]
            if ($null -eq $actual) { continue }
            $type = $actual.ParameterType.Name
            if ($typeNames[$parameter.type] -ne $type) { $simulatorFindings.Add("$($cmdlet.name): -$($parameter.name) is $type, documented $($parameter.type)") }
            $setName = if ($set.name -eq '__AllParameterSets') { '__AllParameterSets' } else { $set.name }
            $attribute = @($actual.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ParameterSetName -eq $setName -or $_.ParameterSetName -eq '__AllParameterSets') }) | Select-Object -First 1
            if ($null -eq $attribute) { $simulatorFindings.Add("$($cmdlet.name): -$($parameter.name) is not in the set $setName"); continue }
            if ([bool]$attribute.Mandatory -ne [bool]$parameter.mandatory) { $simulatorFindings.Add("$($cmdlet.name): -$($parameter.name) mandatory $($attribute.Mandatory), documented $($parameter.mandatory)") }
            $position = if ($attribute.Position -lt 0) { 'Named' } else { [string]$attribute.Position }
            if ($position -ne [string]$parameter.position) { $simulatorFindings.Add("$($cmdlet.name): -$($parameter.name) position $position, documented $($parameter.position)") }
        }
    }
}

# The session scripts' ADSync calls, read with the PowerShell parser.
$scriptFindings = New-Object System.Collections.Generic.List[string]
$calls = 0
foreach ($file in Get-ChildItem -LiteralPath $ScriptFolder -Filter '*.ps1') {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$tokens, [ref]$errors)
    $guards = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'Assert-AADSyncKeyCommandParameter' }, $true))
    $commandAsts = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -match '^[A-Za-z]+-ADSync' }, $true))
    foreach ($call in $commandAsts) {
        $calls++
        $name = $call.GetCommandName()
        $cmdlet = $syntax.cmdlets | Where-Object { $_.name -eq $name } | Select-Object -First 1
        if ($null -eq $cmdlet) {
            # An undocumented cmdlet only behind Test-AADSyncKeyCommand for it, earlier in the same script.
            $checkedFirst = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'Test-AADSyncKeyCommand' }, $true) |
                    Where-Object { $_.Extent.StartOffset -lt $call.Extent.StartOffset -and $_.Extent.Text -match [regex]::Escape("'$name'") }).Count -gt 0
            if (-not $checkedFirst) { $scriptFindings.Add("$($file.Name): $name is not a documented cmdlet and not behind Test-AADSyncKeyCommand") }
            continue
        }
        $documented = @($cmdlet.parameterSets | ForEach-Object { $_.parameters } | ForEach-Object { $_.name })
        if ($cmdlet.whatIfConfirm) { $documented += $shouldProcess }
        if (@($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted }).Count -gt 0) {
            $scriptFindings.Add("$($file.Name): $name is called with splatting, which cannot be checked"); continue
        }
        foreach ($element in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            $parameter = $element.ParameterName
            if ($common -contains $parameter -or $documented -contains $parameter) { continue }
            $guarded = @($guards | Where-Object {
                    $_.Extent.StartOffset -lt $call.Extent.StartOffset -and
                    $_.Extent.Text -match [regex]::Escape("'$name'") -and $_.Extent.Text -match [regex]::Escape("'$parameter'")
                }).Count -gt 0
            if (-not $guarded) { $scriptFindings.Add("$($file.Name): $name -$parameter is not documented and not behind Assert-AADSyncKeyCommandParameter") }
        }
    }
}

[pscustomobject]@{ checked = $checked.ToArray(); simulator = $simulatorFindings.ToArray(); scripts = $scriptFindings.ToArray(); calls = $calls } | ConvertTo-Json -Depth 4
