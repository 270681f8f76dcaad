# Faults that tests switch on per command: fail (raise an error), hang (never return), slow (delay, then run),
# held (wait until the fault is cleared, then run: a test acts while the command is surely in progress),
# busy (answer busy a number of times),
# noop (the command says it succeeded and changes nothing: only where the command asks Test-SimFaultNoop).
# A fault with an arm file acts only once that file exists (a test creates it at the moment it wants the fault, for
# example when a step starts); a held fault with a release file also ends when that file appears.

function Invoke-SimFault {
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] $Cmdlet)
    $state = Read-SimState
    if (-not $state.ContainsKey('faults') -or -not $state.faults.ContainsKey($Command)) { return }
    $fault = $state.faults[$Command]
    if ($fault['armFile'] -and -not (Test-Path -LiteralPath $fault.armFile)) { return }
    switch ($fault.mode) {
        'slow' { Start-Sleep -Milliseconds ([int]$fault.delayMs) }
        'hang' { Start-Sleep -Seconds 86400 }
        'held' {
            # The hold is logged (heldLog: when each call reached it and left it), so a test can tell how many
            # calls were held at once across servers.
            $entry = Get-Random
            Update-SimState { param($s) $s.heldLog = @(if ($s.ContainsKey('heldLog')) { $s.heldLog }) + @(@{ command = $Command; entry = $entry; reachedAt = (Get-SimNow); releasedAt = $null }) }
            # Polls the state, not a clock: the command goes on the moment a test clears the fault.
            $releaseFile = $fault['releaseFile']
            do { Start-Sleep -Milliseconds 100; $now = Read-SimState }
            while ($now.ContainsKey('faults') -and $now.faults.ContainsKey($Command) -and $now.faults[$Command].mode -eq 'held' -and -not ($releaseFile -and (Test-Path -LiteralPath $releaseFile)))
            Update-SimState { param($s) foreach ($held in @($s.heldLog)) { if ($held.entry -eq $entry) { $held.releasedAt = (Get-SimNow) } } }
        }
        'busy' {
            # Answers busy -Times calls, then the command works again (the fault clears itself).
            Update-SimState { param($s) $f = $s.faults[$Command]; $f.times = [int]$f.times - 1; if ($f.times -le 0) { $s.faults.Remove($Command) } }
            $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -Message $fault.message -ErrorId 'SimulatedBusy' -Category ResourceBusy -TargetObject $Command))
        }
        'fail' {
            $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -Message $fault.message -ErrorId 'SimulatedFault' -Category OperationStopped -TargetObject $Command))
        }
    }
}

# Whether a noop fault is set for the command: it then reports success and changes nothing.
function Test-SimFaultNoop {
    param([Parameter(Mandatory)] [string] $Command)
    $state = Read-SimState
    $state.ContainsKey('faults') -and $state.faults.ContainsKey($Command) -and $state.faults[$Command].mode -eq 'noop'
}

# Capabilities of the simulated server whose real behaviour no public source settles: on unless switched off, but
# for those whose default is off (the harder case: an application certificate's private key does not survive the
# loss of the service account's DPAPI keys unless a TPM holds it, and most servers have none).
$script:SimCapabilityOffByDefault = @('ApplicationKeySurvivesDpapiLoss', 'EntraCredentialReadNeedsSignIn')
function Test-SimCapability {
    param([Parameter(Mandatory)] [string] $Name)
    $default = $script:SimCapabilityOffByDefault -notcontains $Name
    if ([string]::IsNullOrEmpty($script:SimRoot)) { return $default }
    $state = Read-SimState
    if ($state.ContainsKey('capabilities') -and $state.capabilities.ContainsKey($Name)) { return [bool]$state.capabilities[$Name] }
    $default
}
