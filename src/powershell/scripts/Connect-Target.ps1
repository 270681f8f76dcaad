# Loads the commands of the server the session talks to. On a real server that is the ADSync module from the
# install location; for a simulated one, the simulator module, which provides the same command names.
# Either way the scripts that follow run the same commands. (-Verbose:$false: Import-Module's own list of every
# function it loads is not something the admin asked to see.)
# Kind 'server' is the far end of a PSSession (the core's remote hub, RemoteHub.ps1, or the module's relay for a
# caller's -Session, loads the session host there and connects it so): the
# server's own ADSync module, or, where the server is a simulated one (AADSYNCKEY_SIMULATOR set in its
# environment, as the tests' sshd does), the simulator module found by name on that machine's PSModulePath.
param(
    [Parameter(Mandatory)] [ValidateSet('local', 'simulator', 'server')] [string] $Kind,
    [string] $StatePath
)
if ($Kind -eq 'server' -and $env:AADSYNCKEY_SIMULATOR) {
    Write-Verbose "Import-Module AADSyncSim; Connect-SimADSyncServer -Path '$env:AADSYNCKEY_SIMULATOR'"
    Import-Module AADSyncSim -Global -Force -Verbose:$false -ErrorAction Stop
    Connect-SimADSyncServer -Path $env:AADSYNCKEY_SIMULATOR
    $env:ProgramData = Join-Path $env:AADSYNCKEY_SIMULATOR 'ProgramData'
    return [pscustomobject]@{ kind = 'simulator'; adsyncModuleLoaded = $true }
}
if ($Kind -eq 'server') { $Kind = 'local' }
if ($Kind -eq 'simulator') {
    Write-Verbose "Import-Module AADSyncSim; Connect-SimADSyncServer -Path '$StatePath'"
    Import-Module (Join-Path $PSScriptRoot '../../simulator/AADSyncSim/AADSyncSim.psd1') -Global -Force -Verbose:$false
    Connect-SimADSyncServer -Path $StatePath
    # The simulated server's own disk: %ProgramData% (the server-wide lock and abandon record) is in its state folder.
    $env:ProgramData = Join-Path $StatePath 'ProgramData'
}
$adsyncLoaded = $null -ne (Get-Command Get-ADSyncConnector -ErrorAction SilentlyContinue)
if (-not $adsyncLoaded) {
    $install = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -ErrorAction SilentlyContinue
    if ($null -ne $install) {
        $modulePath = Join-Path $install.Location 'Bin\ADSync\ADSync.psd1'
        Write-Verbose "Import-Module '$modulePath'"
        try { Import-Module $modulePath -Global -Verbose:$false }
        catch {
            # The ADSync module is built for Windows PowerShell; whether every build loads in PowerShell 7 is not
            # documented, and the session scripts run in both.
            throw "The ADSync module '$modulePath' did not load in PowerShell $($PSVersionTable.PSVersion): $($_.Exception.Message) The session runs in Windows PowerShell 5.1 (powershell.exe) by default on Windows; unset AADSYNCKEY_PWSH, or set it to powershell.exe, then run the command again."
        }
        $adsyncLoaded = $true
    }
}
[pscustomobject]@{ kind = $Kind; adsyncModuleLoaded = $adsyncLoaded }
