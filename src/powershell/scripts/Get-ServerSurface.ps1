# Reads the server's command surface for a bug report or a simulator fixture, secret-free: PowerShell's version and
# edition, the module that provides the ADSync commands, the syntax of each command the core uses (parameter sets,
# names, types, mandatory, positions), which product registry values exist, and which event providers and ids the
# logs hold (counts only, no message text). Read-only.
param([Parameter(Mandatory = $true)] [string[]] $Commands)

$common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
$provider = Get-Command -Name 'Get-ADSyncConnector' -ErrorAction SilentlyContinue
$module = if ($null -ne $provider -and $null -ne $provider.Module) { [ordered]@{ name = [string]$provider.Module.Name; version = [string]$provider.Module.Version } } else { $null }
$cmdlets = foreach ($name in $Commands) {
    $command = Get-Command -Name $name -ErrorAction SilentlyContinue
    if ($null -eq $command) { [ordered]@{ name = $name; present = $false; parameterSets = @() }; continue }
    $sets = foreach ($set in $command.ParameterSets) {
        $parameters = foreach ($parameter in $set.Parameters) {
            if ($common -contains $parameter.Name) { continue }
            [ordered]@{ name = $parameter.Name; type = $parameter.ParameterType.Name; mandatory = [bool]$parameter.IsMandatory; position = $(if ($parameter.Position -lt 0) { 'Named' } else { [string]$parameter.Position }) }
        }
        [ordered]@{ name = $set.Name; parameters = @($parameters) }
    }
    [ordered]@{ name = $name; present = $true; parameterSets = @($sets) }
}
$product = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect' -ErrorAction SilentlyContinue
$events = @(Get-WinEvent -FilterHashtable @{ LogName = @('Application', 'System'); Id = @(6028, 6000, 6900, 659, 906, 7000, 7024, 7036, 7038) } -MaxEvents 2000 -ErrorAction SilentlyContinue |
        Group-Object -Property LogName, ProviderName, Id | ForEach-Object {
            $first = $_.Group[0]
            [ordered]@{ logName = [string]$first.LogName; providerName = [string]$first.ProviderName; id = [int]$first.Id; count = $_.Count }
        })
[pscustomobject]@{
    powerShell           = [ordered]@{ version = [string]$PSVersionTable.PSVersion; edition = [string]$PSVersionTable.PSEdition }
    adsyncModule         = $module
    cmdlets              = @($cmdlets)
    productVersionInRegistry = ($null -ne $product -and $null -ne $product.PSObject.Properties['Version'] -and [bool]$product.Version)
    events               = @($events)
}
