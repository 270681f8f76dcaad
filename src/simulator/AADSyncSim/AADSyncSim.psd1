# Module manifest of the simulated ADSync server (hand-written; see docs/simulator.md).
@{
    RootModule        = 'AADSyncSim.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '6b0f2a51-8d0e-4a53-9a53-2f3c6f1f6a70'
    Author            = 'AADSyncKey'
    Description       = 'A simulated Azure AD Connect server: the Windows, registry and ADSync commands AADSyncKey runs, over a state folder.'
    PowerShellVersion = '7.0'
    FunctionsToExport = @(
        # Simulator control
        'New-SimADSyncServer', 'Connect-SimADSyncServer', 'Get-SimADSyncState', 'Add-SimScenario', 'Set-SimFault', 'Clear-SimFault', 'Invoke-SimMiiskmu', 'Add-SimEventNoise', 'Set-SimCapability', 'Set-SimRunResult', 'Clear-SimRunResult'
        # Windows
        'Get-Service', 'Start-Service', 'Stop-Service', 'Get-CimInstance', 'Get-WinEvent', 'Get-ItemProperty', 'New-EventLog', 'Write-EventLog'
        # ADSync module
        'Get-ADSyncConnector', 'Add-ADSyncConnector', 'Add-ADSyncADDSConnectorAccount', 'Add-ADSyncAADServiceAccount', 'Invoke-ADSyncRunProfile',
        'Get-ADSyncScheduler', 'Set-ADSyncScheduler', 'Get-ADSyncGlobalSettings', 'Start-ADSyncSyncCycle', 'Get-ADSyncRunProfileResult',
        'Get-ADSyncEntraConnectorCredential'
    )
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
