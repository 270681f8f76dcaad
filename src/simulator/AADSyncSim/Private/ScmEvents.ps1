# Service Control Manager events as Windows writes them: the message in the server's language, the service in the
# event data (param1, ...), and for 7036 the binary data "<service key>/<state code>" (4 running, 1 stopped), which
# is the same in every language. Texts other than en-US are the simulator's own translations (docs/simulator.md).

$script:SimScmText = @{
    'en-US' = @{
        7036 = 'The {0} service entered the {1} state.'
        7000 = 'The {0} service failed to start due to the following error: {1}'
        7024 = 'The {0} service terminated with the following service-specific error: {1}'
        7038 = 'The {0} service was unable to log on as {1} with the currently configured password due to the following error: {2}'
        7041 = "The {0} service was unable to log on as {1} with the currently configured password due to the following error:`n{2}`n`nService: {0}`nDomain and account: {1}`n`nThis service account does not have the required user right `"Log on as a service.`""
        running = 'running'; stopped = 'stopped'
        logonRight = 'Logon failure: the user has not been granted the requested logon type at this computer.'
        logonFailure = 'The service did not start due to a logon failure.'
        badPassword = 'The user name or password is incorrect.'
    }
    'de-DE' = @{
        7036 = 'Der Dienst "{0}" befindet sich jetzt im Status "{1}".'
        7000 = 'Der Dienst "{0}" wurde aufgrund folgenden Fehlers nicht gestartet: {1}'
        7024 = 'Der Dienst "{0}" wurde mit folgendem dienstspezifischem Fehler beendet: {1}'
        7038 = 'Der Dienst "{0}" konnte sich aufgrund des folgenden Fehlers nicht als "{1}" mit dem aktuell konfigurierten Kennwort anmelden: {2}'
        7041 = "Der Dienst `"{0}`" konnte sich aufgrund des folgenden Fehlers nicht als `"{1}`" mit dem aktuell konfigurierten Kennwort anmelden:`n{2}`n`nDienst: {0}`nDomäne und Konto: {1}`n`nDieses Dienstkonto verfügt nicht über das Benutzerrecht `"Als Dienst anmelden`"."
        running = 'Wird ausgeführt'; stopped = 'Beendet'
        logonRight = 'Anmeldung fehlgeschlagen: Dem Benutzer wurde der angeforderte Anmeldetyp auf diesem Computer nicht gewährt.'
        logonFailure = 'Der Dienst konnte wegen einer fehlerhaften Anmeldung nicht gestartet werden.'
        badPassword = 'Unbekannter Benutzername oder falsches Kennwort.'
    }
}

function Get-SimScmText {
    param([Parameter(Mandatory)] $State)
    $language = if ($State.ContainsKey('language') -and $script:SimScmText.ContainsKey([string]$State.language)) { [string]$State.language } else { 'en-US' }
    $script:SimScmText[$language]
}

# One SCM event of a service, with its insertion strings as named data (param1..) and, for 7036, the binary state.
# -MessageInsertion, when given, is what the message shows where the data holds a language-neutral reference: 7000
# stores a logon failure's reason as %%1069 and shows it as text.
function Add-SimScmEvent {
    param(
        [Parameter(Mandatory)] $State,
        [Parameter(Mandatory)] [ValidateSet(7000, 7024, 7036, 7038, 7041)] [int] $Id,
        [Parameter(Mandatory)] [string[]] $Insertion,
        [string[]] $MessageInsertion,
        [string] $ServiceKey,
        [ValidateSet('running', 'stopped', '')] [string] $ServiceState = ''
    )
    $text = Get-SimScmText -State $State
    $values = @($Insertion)
    if ($Id -eq 7036) { $values = @($Insertion[0], $text[$ServiceState]) }
    $data = [ordered]@{}
    for ($i = 0; $i -lt $values.Count; $i++) { $data["param$($i + 1)"] = [string]$values[$i] }
    $binary = $null
    if ($Id -eq 7036 -and $ServiceKey) {
        $code = if ($ServiceState -eq 'running') { 4 } else { 1 }
        $binary = [Convert]::ToHexString([System.Text.Encoding]::Unicode.GetBytes("$ServiceKey/$code"))
    }
    $level = if ($Id -eq 7036) { 'Information' } else { 'Error' }
    $shown = if ($MessageInsertion) { @($MessageInsertion) } else { $values }
    Add-SimEvent -State $State -LogName System -Id $Id -Level $level -ProviderName 'Service Control Manager' -Message ($text[$Id] -f $shown) -Data $data -Binary $binary
}

# ADSync's own transitions and failures.
function Add-SimADSyncScmEvent {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [ValidateSet('running', 'stopped', 'logonFailure', 'logonRightMissing', 'keyFailure')] [string] $What)
    $text = Get-SimScmText -State $State
    switch ($What) {
        'running' { Add-SimScmEvent -State $State -Id 7036 -Insertion $script:SimDisplayName -ServiceKey 'ADSync' -ServiceState running }
        'stopped' { Add-SimScmEvent -State $State -Id 7036 -Insertion $script:SimDisplayName -ServiceKey 'ADSync' -ServiceState stopped }
        'logonFailure' {
            Add-SimScmEvent -State $State -Id 7038 -Insertion 'ADSync', $State.service.account, $text.badPassword
            Add-SimScmEvent -State $State -Id 7000 -Insertion $script:SimDisplayName, '%%1069' -MessageInsertion $script:SimDisplayName, $text.logonFailure
        }
        # The account lacks "Log on as a service" (field-reported after hardening baselines): 7041, then 7000.
        'logonRightMissing' {
            Add-SimScmEvent -State $State -Id 7041 -Insertion 'ADSync', $State.service.account, $text.logonRight
            Add-SimScmEvent -State $State -Id 7000 -Insertion $script:SimDisplayName, '%%1069' -MessageInsertion $script:SimDisplayName, $text.logonFailure
        }
        # Text invented by the simulator: the SCM's record of the service-specific error.
        'keyFailure' { Add-SimScmEvent -State $State -Id 7024 -Insertion $script:SimDisplayName, '-2145185792 (0x80231000)' }
    }
}
