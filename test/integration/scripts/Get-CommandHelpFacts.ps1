# What Get-Help and Get-Command say of every cmdlet of the module: synopsis, description, parameters, examples,
# outputs, links and ShouldProcess, keyed by cmdlet name.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
$facts = [ordered]@{}
foreach ($command in Get-Command -Module AADSyncKey) {
    $help = Get-Help $command.Name -Full
    $binding = $command.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
    $facts[$command.Name] = [ordered]@{
        synopsis         = [string]$help.Synopsis
        description      = (@($help.description) | ForEach-Object { $_.Text }) -join ' '
        parameters       = @($help.parameters.parameter | ForEach-Object { [ordered]@{ name = [string]$_.name; description = (@($_.description) | ForEach-Object { $_.Text }) -join ' '; defaultValue = [string]$_.defaultValue; position = [string]$_.position } })
        examples         = @($help.examples.example | ForEach-Object { [ordered]@{ code = [string]$_.code; remarks = (@($_.remarks) | ForEach-Object { $_.Text }) -join ' ' } })
        exampleHelpCount = @((Get-Help $command.Name -Examples).examples.example).Count
        outputs          = @($help.returnValues.returnValue | ForEach-Object { [string]$_.type.name })
        links            = @($help.relatedLinks.navigationLink | ForEach-Object { [string]$_.linkText })
        supportsWhatIf   = $command.Parameters.ContainsKey('WhatIf')
        supportsConfirm  = $command.Parameters.ContainsKey('Confirm')
        confirmImpact    = [string]$binding.ConfirmImpact
        outputTypes      = @($command.OutputType | ForEach-Object { $_.Name })
    }
}
$facts | ConvertTo-Json -Depth 6
