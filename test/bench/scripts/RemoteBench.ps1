# Dot-sourced by the remote benchmark's scripts: reads the servers of -ConfigPath (a JSON file: dataFolder,
# knownHosts, servers with hostName, port, keyFilePath) and makes the remoting parameters of a call to some of them.
$config = Get-Content -LiteralPath $ConfigPath -Raw | ConvertFrom-Json
$servers = @($config.servers)
$env:AADSYNCKEY_DATA_DIR = $config.dataFolder
Import-Module (Join-Path $PSScriptRoot '../../../psmodule/AADSyncKey.psd1')
# Every server has the same port and key; the known_hosts file holds them all.
function Get-RemoteParameter([object[]] $Chosen) {
    @{
        HostName    = @($Chosen | ForEach-Object { $_.hostName })
        Port        = [int]$Chosen[0].port
        UserName    = 'root'
        KeyFilePath = $Chosen[0].keyFilePath
        Options     = @{ UserKnownHostsFile = $config.knownHosts; StrictHostKeyChecking = 'yes' }
    }
}
