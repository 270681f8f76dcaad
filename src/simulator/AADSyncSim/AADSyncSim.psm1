# The simulated ADSync server. Each file in Private/ and Public/ holds one concern; the state lives in
# <state folder>/state.json and every command reads it fresh, so separate processes (the session, the
# miiskmu.exe shim, a test) see one server.
Set-StrictMode -Version 3

foreach ($folder in 'Private', 'Public') {
    foreach ($file in Get-ChildItem -Path (Join-Path $PSScriptRoot $folder) -Filter '*.ps1' | Sort-Object Name) {
        . $file.FullName
    }
}

$script:SimRoot = $null
