# Releases the server-wide lock this session holds (see Enter-ServerLock.ps1); nothing to do when it holds none.
param()

$released = $false
if ($null -ne $global:AADSyncKeyServerLock) {
    # The folder was checked when the lock was taken: releasing it never fails on a check.
    $holderPath = Join-Path (Join-Path $env:ProgramData 'AADSyncKey') 'server.lock.json'
    # The record first: once the lock is free, the next holder writes its own.
    Remove-Item -LiteralPath $holderPath -Force -ErrorAction SilentlyContinue
    $global:AADSyncKeyServerLock.Dispose()
    $global:AADSyncKeyServerLock = $null
    $released = $true
}
[pscustomobject]@{ released = $released }
