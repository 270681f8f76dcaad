# Exports the key set with miiskmu.exe /e. The password of /u: is never an argument: '*' makes miiskmu ask for it,
# and the answer is written to its standard input from the SecureString. No public source says whether the real
# miiskmu reads that prompt from standard input or only from a console, so the wait is bounded: a miiskmu still
# running after -TimeoutSeconds is ended and reported as timed out, instead of hanging the session.
param([Parameter(Mandatory = $true)] [string] $Path, [pscredential] $Credential, [int] $TimeoutSeconds = 60)

Write-Verbose "Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -Name Location"
$location = [string](Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\AD Sync' -Name Location).Location
$miiskmu = Join-Path (Join-Path $location 'Bin') 'miiskmu.exe'
$arguments = @('/e', $Path)
if ($null -ne $Credential) { $arguments += @("/u:$($Credential.UserName)", '*') }
Write-Verbose ("& '$miiskmu' " + (($arguments | ForEach-Object { if ($_ -match '\s') { "'$_'" } else { $_ } }) -join ' '))

$process = Start-AADSyncKeyMiiskmu -Path $miiskmu -Arguments $arguments
try {
    if ($null -ne $Credential) {
        $plain = $Credential.GetNetworkCredential().Password
        $process.StandardInput.WriteLine($plain)
        $plain = $null
    }
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $timedOut = -not $process.WaitForExit($TimeoutSeconds * 1000)
    if ($timedOut) {
        Write-Verbose "miiskmu.exe did not finish within $TimeoutSeconds s; ending it."
        $process.Kill()
        $process.WaitForExit()
    }
    [pscustomobject]@{
        miiskmuPath = $miiskmu
        timedOut    = $timedOut
        exitCode    = $process.ExitCode
        output      = (($stdout.Result + $stderr.Result) -replace "`r", '').Trim()
        fileExists  = (Test-Path -LiteralPath $Path -PathType Leaf)
    }
}
finally { $process.Dispose() }
