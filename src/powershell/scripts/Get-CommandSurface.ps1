# Reads the server's own command surface: for each command the core will call, whether it exists and has each
# parameter the call needs. Read-only; needs the command's module loaded (Connect-Target), not the service.
param([Parameter(Mandatory = $true)] $Needs)

$checks = foreach ($need in @($Needs)) {
    $command = Get-Command -Name ([string]$need.command) -ErrorAction SilentlyContinue
    $parameters = @($need.parameters)
    if ($parameters.Count -eq 0) {
        [pscustomobject]@{ command = [string]$need.command; parameter = $null; present = ($null -ne $command) }
        continue
    }
    foreach ($parameter in $parameters) {
        [pscustomobject]@{ command = [string]$need.command; parameter = [string]$parameter; present = ($null -ne $command -and $command.Parameters.ContainsKey([string]$parameter)) }
    }
}
[pscustomobject]@{ checks = @($checks) }
