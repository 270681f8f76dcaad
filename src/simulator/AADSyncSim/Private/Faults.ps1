# Faults that tests switch on per command: fail (raise an error), hang (never return), slow (delay, then run),
# noop (the command says it succeeded and changes nothing: only where the command asks Test-SimFaultNoop).

function Invoke-SimFault {
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] $Cmdlet)
    $state = Read-SimState
    if (-not $state.ContainsKey('faults') -or -not $state.faults.ContainsKey($Command)) { return }
    $fault = $state.faults[$Command]
    switch ($fault.mode) {
        'slow' { Start-Sleep -Milliseconds ([int]$fault.delayMs) }
        'hang' { Start-Sleep -Seconds 86400 }
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
