# Loads the commands of the server the session talks to. On a real server that is the ADSync module from the
# install location; for a simulated one, the simulator module, which provides the same command names.
# Either way the scripts that follow run the same commands. (-Verbose:$false: Import-Module's own list of every
# function it loads is not something the admin asked to see.)
# Kind 'remote' opens a PSSession to the server, loads the session host into it (RemoteHost.ps1) and connects it
# as kind 'server': from then on this session forwards every request there. Kind 'server' is the far end: the
# server's own ADSync module, or, where the server is a simulated one (AADSYNCKEY_SIMULATOR set in its
# environment, as the tests' sshd does), the simulator module found by name on that machine's PSModulePath.
param(
    [Parameter(Mandatory)] [ValidateSet('local', 'simulator', 'remote', 'server')] [string] $Kind,
    [string] $StatePath,
    $Connection,
    [System.Management.Automation.PSCredential] $Credential
)
if ($Kind -eq 'remote') {
    $arguments = @{}
    foreach ($property in $Connection.PSObject.Properties) { $arguments[$property.Name] = $property.Value }
    if ($null -ne $Credential) { $arguments.Credential = $Credential }
    Write-Verbose "New-PSSession to $($Connection.ComputerName) over $($Connection.Transport)"
    try { $session = New-AADSyncKeyRemoteSession @arguments }
    catch {
        $message = "Connecting to $($Connection.ComputerName) over $($Connection.Transport) failed: $($_.Exception.Message)"
        $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Management.Automation.Remoting.PSRemotingTransportException $message), 'RemoteConnectionFailed', 'ConnectionError', [string]$Connection.ComputerName)
        throw $record
    }
    Initialize-AADSyncKeyRemoteHost -Session $session -Root (Split-Path -Parent $PSScriptRoot)
    $answer = Invoke-AADSyncKeyRemoteRequest -Session $session -RequestBase64 ([Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes('{"script":"Connect-Target","arguments":{"Kind":"server"}}')))
    $decoded = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($answer.Substring((Get-AADSyncKeyRemoteMarker).Length))) | ConvertFrom-Json
    if (-not $decoded.ok) {
        $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Management.Automation.RuntimeException "[$($Connection.ComputerName)] $($decoded.error.message)"), [string]$decoded.error.fullyQualifiedErrorId, 'ConnectionError', [string]$Connection.ComputerName)
        throw $record
    }
    $global:AADSyncKeyRemoteSession = $session
    $far = @($decoded.output)[0]
    return [pscustomobject]@{ kind = 'remote'; adsyncModuleLoaded = [bool]$far.adsyncModuleLoaded; computerName = [string]$session.ComputerName; remoteKind = [string]$far.kind }
}
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
