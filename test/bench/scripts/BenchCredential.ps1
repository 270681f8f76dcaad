# Dot-sourced by the benchmark's scripts: the forest account and the Global Administrator from the two passwords on
# standard input (a benchmark's passwords are never written into a script).
$secrets = @([Console]::In.ReadToEnd() -split "`n")
$forestCredential = New-Object System.Management.Automation.PSCredential ('CONTOSO\MSOL_bench', (ConvertTo-SecureString $secrets[0] -AsPlainText -Force))
$globalAdmin = New-Object System.Management.Automation.PSCredential ('admin@contoso.onmicrosoft.com', (ConvertTo-SecureString $secrets[1] -AsPlainText -Force))
# The forest names of a server with $Count forests.
function Get-BenchForestName([int] $Count) { 1..$Count | ForEach-Object { "forest$_.example.com" } }
