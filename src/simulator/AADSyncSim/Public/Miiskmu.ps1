# miiskmu.exe, the key management utility. A shim file named miiskmu.exe in the simulated install's Bin
# folder runs a new pwsh that calls Invoke-SimMiiskmu, so the core runs it as the external program it is.
# Exit codes are the simulator's own (the real tool's are not documented): see docs/simulator.md.

$script:MiiskmuExit = @{ Ok = 0; Usage = 1; ServiceRunning = 2; NoKey = 3; CheckFailed = 4; BadCredential = 5; FileError = 6 }

function Install-SimMiiskmuShim {
    param([Parameter(Mandatory)] [string] $Root)
    $bin = Join-Path $Root 'Program Files/Microsoft Azure AD Sync/Bin'
    $null = New-Item -ItemType Directory -Path $bin -Force
    # The same PowerShell as this one; a pwsh installed as a .NET tool runs as 'dotnet pwsh.dll'.
    $command = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($command[0]) -eq 'dotnet') { $command += [Environment]::GetCommandLineArgs()[0] }
    $entry = Join-Path $PSScriptRoot '../miiskmu-entry.ps1'
    $shim = Join-Path $bin 'miiskmu.exe'
    # POSIX shell single quotes: a quote inside becomes '\''.
    $q = { param($s) "'" + ($s -replace "'", "'\''") + "'" }
    $text = "#!/bin/sh`nexec $(($command | ForEach-Object { & $q $_ }) -join ' ') -NoProfile -NonInteractive -File $(& $q $entry) -StatePath $(& $q $Root) `"`$@`"`n"
    Set-Content -LiteralPath $shim -Value $text -NoNewline -Encoding utf8NoBOM
    if (-not $IsWindows) { & chmod +x $shim }
    Set-Content -LiteralPath (Join-Path $bin 'miiserver.exe') -Value '' -Encoding utf8NoBOM
}

function Invoke-SimMiiskmu {
    <#
    .SYNOPSIS
    The simulated miiskmu.exe: /a abandon, /e export, /i import, /c check, /q quiet. Returns the exit code.
    #>
    [CmdletBinding()]
    param([string[]] $Arguments = @())
    $quiet = $Arguments -contains '/q'
    $say = { param($text) if (-not $quiet) { [Console]::Out.WriteLine($text) } }
    $rest = @($Arguments | Where-Object { $_ -ne '/q' })
    if ($rest.Count -eq 0) { & $say 'Usage: miiskmu.exe {/a | /e <file> [/u:<domain\user> {<password>|*}] | /i <file> {<keyset GUID>} | /c {<keyset GUID>}} [/q]'; return $MiiskmuExit.Usage }
    # Faults are keyed 'miiskmu /a', 'miiskmu /c'...: a slow /c gives a test the moment after /a changed the key.
    Invoke-SimFault -Command "miiskmu $($rest[0].ToLowerInvariant())" -Cmdlet $PSCmdlet
    $pretend = Test-SimFaultNoop -Command "miiskmu $($rest[0].ToLowerInvariant())"
    $state = Read-SimState
    switch ($rest[0].ToLowerInvariant()) {
        '/a' {
            if ($state.service.status -ne 'Stopped') {
                & $say 'The operation encountered an error and cannot be completed. Error: The operation failed because server service was started. Error Code: 80131600'
                return $MiiskmuExit.ServiceRunning
            }
            # abandonCount is the simulator's own audit: tests prove a recovery abandoned the key exactly once.
            if (-not $pretend) { Update-SimState { param($s) $s.key.state = 'Abandoned'; $s.key.abandonCount = 1 + [int]$s.key['abandonCount'] } }
            Invoke-SimFault -Command 'miiskmu /a:after' -Cmdlet $PSCmdlet
            & $say 'The encryption key set was abandoned. A new key set will be created when the service starts.'
            return $MiiskmuExit.Ok
        }
        '/c' {
            if ($state.key.state -eq 'Healthy') { & $say 'The encryption key set is valid.'; return $MiiskmuExit.Ok }
            & $say 'The encryption key set cannot be accessed.'
            return $MiiskmuExit.CheckFailed
        }
        '/e' {
            if ($rest.Count -lt 2) { & $say 'Usage: miiskmu.exe /e <file> [/u:<domain\user> {<password>|*}]'; return $MiiskmuExit.Usage }
            if ($state.key.state -ne 'Healthy') { & $say 'The encryption key set cannot be accessed, so it cannot be exported.'; return $MiiskmuExit.NoKey }
            $user = $rest | Where-Object { $_ -like '/u:*' } | Select-Object -First 1
            if ($user) {
                $index = [array]::IndexOf($rest, $user)
                if ($index + 1 -ge $rest.Count) { & $say 'A password, or * to be asked for it, must follow /u:.'; return $MiiskmuExit.Usage }
                # '*' reads the password from standard input, as the prompt of the real tool would.
                $given = $rest[$index + 1]
                if ($given -eq '*') {
                    & $say 'Enter the password:'
                    $given = [Console]::In.ReadLine()
                }
                if ([string]::IsNullOrEmpty($given)) { & $say 'The user name or password is incorrect.'; return $MiiskmuExit.BadCredential }
            }
            try {
                $export = @{ format = 'AADSyncSim.KeySet/1'; keysetId = $state.key.keysetId; instanceId = $state.key.instanceId; generation = $state.key.generation; exportedAt = Get-SimNow }
                Set-Content -LiteralPath $rest[1] -Value (ConvertTo-Json $export) -Encoding utf8NoBOM -ErrorAction Stop
            }
            catch { & $say "The key set could not be written to '$($rest[1])': $($_.Exception.Message)"; return $MiiskmuExit.FileError }
            & $say "The encryption key set was exported to '$($rest[1])'."
            return $MiiskmuExit.Ok
        }
        '/i' {
            if ($rest.Count -lt 2) { & $say 'Usage: miiskmu.exe /i <file> {<keyset GUID>}'; return $MiiskmuExit.Usage }
            if ($state.service.status -ne 'Stopped') {
                & $say 'The operation encountered an error and cannot be completed. Error: The operation failed because server service was started. Error Code: 80131600'
                return $MiiskmuExit.ServiceRunning
            }
            try { $import = Get-Content -LiteralPath $rest[1] -Raw -ErrorAction Stop | ConvertFrom-Json -AsHashtable }
            catch { & $say "The key set file '$($rest[1])' could not be read."; return $MiiskmuExit.FileError }
            Update-SimState { param($s) $s.key = @{ state = 'Healthy'; generation = [int]$import.generation; keysetId = [int]$import.keysetId; instanceId = $import.instanceId; abandonCount = [int]$s.key['abandonCount'] } }
            & $say 'The encryption key set was imported.'
            return $MiiskmuExit.Ok
        }
        default { & $say "Unknown option '$($rest[0])'."; return $MiiskmuExit.Usage }
    }
}
