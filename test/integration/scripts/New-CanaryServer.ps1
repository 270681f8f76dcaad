# Builds a simulated server with one forest, contoso.com, whose accounts' passwords are the canary (first line of
# standard input). -Scenario is one or more scenario names, comma-separated.
param(
    [Parameter(Mandatory = $true)] [string] $Path,
    [Parameter(Mandatory = $true)] [string] $Scenario,
    [Parameter(Mandatory = $true)] [string] $ServerName
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TestCredential.ps1')
$canary = [Console]::In.ReadLine()
Import-Module (Join-Path $PSScriptRoot '../../../src/simulator/AADSyncSim/AADSyncSim.psd1')
$null = New-SimADSyncServer -Path $Path -Scenario ($Scenario -split ',') -ServerName $ServerName -ForestName 'contoso.com' `
    -ForestCredential @{ 'contoso.com' = (New-TestCredential 'CONTOSO\MSOL_c' $canary) } -GlobalAdminCredential (New-TestCredential 'admin@contoso.onmicrosoft.com' $canary)
'{}'
