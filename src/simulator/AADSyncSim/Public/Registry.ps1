# Get-ItemProperty for the registry keys an Azure AD Connect install writes; other paths go to the real cmdlet.

function Get-SimRegistryKey {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string] $Path)
    if (-not $State.installed) { return $null }
    switch -Regex ($Path.TrimEnd('\')) {
        '^HKLM:\\SOFTWARE\\Microsoft\\AD Sync$' { return @{ Location = Get-SimInstallLocation } }
        '^HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect$' {
            # No Microsoft page documents the Version value: a server without it is a capability to test.
            $key = @{ WizardPath = Join-Path (Get-SimInstallLocation) '../Microsoft Azure Active Directory Connect/AzureADConnect.exe' }
            if (Test-SimCapability -Name 'RegistryProductVersion') { $key.Version = $State.build }
            return $key
        }
        '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\ADSync$' { return @{ ObjectName = $State.service.account; ImagePath = '"' + (Join-Path (Get-SimInstallLocation) 'Bin/miiserver.exe') + '"'; Start = 2 } }
    }
    $null
}

function Get-ItemProperty {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Path')] [string[]] $Path,
        [Parameter(Mandatory, ParameterSetName = 'LiteralPath')] [string[]] $LiteralPath,
        [Parameter(Position = 1)] [string[]] $Name
    )
    $paths = if ($PSCmdlet.ParameterSetName -eq 'Path') { $Path } else { $LiteralPath }
    if (-not ($paths | Where-Object { $_ -like 'HKLM:*' })) {
        return Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters
    }
    Invoke-SimFault -Command 'Get-ItemProperty' -Cmdlet $PSCmdlet
    $state = Read-SimState
    foreach ($one in $paths) {
        $key = Get-SimRegistryKey -State $state -Path $one
        if ($null -eq $key) {
            $PSCmdlet.WriteError((New-SimErrorRecord -Message "Cannot find path '$one' because it does not exist." -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand' `
                -Category ObjectNotFound -TargetObject $one -ExceptionType ([System.Management.Automation.ItemNotFoundException])))
            continue
        }
        $result = [ordered]@{}
        foreach ($entry in $key.GetEnumerator()) {
            if (-not $Name -or $Name -contains $entry.Key) { $result[$entry.Key] = $entry.Value }
        }
        $result['PSPath'] = "Microsoft.PowerShell.Core\Registry::$($one -replace '^HKLM:', 'HKEY_LOCAL_MACHINE')"
        [pscustomobject]$result
    }
}
