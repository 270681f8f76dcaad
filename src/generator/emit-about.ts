import type { CommandDefinition } from '../commands/command-definition.js';
import { ALL_ERROR_CODES, ERROR_CODES } from '../errors/error-codes.js';

const WIDTH = 78;

// Folds a paragraph to the width of a console, with a hanging indent: about topics are read in a terminal.
function fold(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

const paragraphs = (...texts: string[]): string[] => texts.flatMap((text, index) => [...(index === 0 ? [] : ['']), ...fold(text, '    ')]);

/**
 * Emits psmodule/en-US/about_AADSyncKey.help.txt, the topic that `Get-Help about_AADSyncKey` shows: the problem,
 * the runbook, the cmdlets (from their definitions), where recoveries keep their journals, and the error ids.
 */
export function emitAbout(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const cmdletLines = commands.flatMap((command) => {
    const [first = '', ...rest] = fold(command.synopsis, ' '.repeat(width + 6));
    return [`    ${command.name.padEnd(width)}  ${first.trim()}`, ...rest];
  });
  return [
    'TOPIC',
    '    about_AADSyncKey',
    '',
    'SHORT DESCRIPTION',
    '    Diagnoses and recovers the encryption key of the Azure AD Connect (Entra',
    '    Connect) Synchronization Service, ADSync.',
    '',
    'LONG DESCRIPTION',
    ...paragraphs(
      'The sync service keeps the passwords of its AD DS connector accounts and of its Azure AD service account encrypted with a key that DPAPI protects under the service account. When that account\'s password changes by a path that does not protect the key again, the service cannot read its key and will not start: the Service Control Manager reports service-specific error code -2145185792 (documented as -21451857952), and the Application log has event 6028, "The server encryption key cannot be accessed."',
      'Test-AADSyncEncryptionKey -Detailed tells key loss apart from its look-alikes (a wrong service account password, event 7038 and error 1069; no right to log on as a service, event 7041; a bad connector password, event 6000; a stale Azure AD password, events 6900 and 659; MFA on the Sync_ account, event 906), which need other fixes and never an abandoned key. It also says whether the build still syncs (BuildSupported: builds below 2.5.79.0 stopped on 30 September 2026) and how the Azure AD connector signs in (IdentityType).',
      'Invoke-AADSyncKeyRecovery runs Microsoft\'s runbook in its corrected order: stop the service, abandon the key (miiskmu.exe /a), start the service (which makes a new key), store the AD DS account password of every AD connector, reinitialize the Azure AD service account, and run a delta sync cycle as proof, judged from every run profile of every connector. Each step is also a cmdlet of its own.',
      'Microsoft\'s page (how-to-connect-sync-change-serviceacct-pass.md) says its abandon steps "only apply to Microsoft Entra Connect build 1.1.443.0 or older", as newer builds handle the key themselves on a password change, and that they "should also be used if you need to abandon the encryption key for any reason": a key that is unreadable anyway is such a reason. The page says nothing of an application identity.',
      'On a server whose Azure AD connector signs in with an application identity (builds 2.5.3.0 and later), Add-ADSyncAADServiceAccount is Microsoft\'s rollback to the legacy service account: the recovery skips that step, runs it only when the identity is known to be ServiceAccount, and stops with AADIdentityUnknown when it cannot be read. If the application cannot sign in after the recovery (its certificate\'s key may be lost with the DPAPI keys), it stops with ApplicationCredentialUnusable and names the remedies: the wizard\'s Rotate application certificate, Invoke-ADSyncApplicationCredentialRotation, or Invoke-AADSyncKeyRecovery -RollbackToServiceAccount, which runs Microsoft\'s rollback steps.',
    ),
    '',
    'CMDLETS',
    ...cmdletLines,
    '',
    'JOURNALS, LOCKS AND RESUMING',
    ...paragraphs(
      'A recovery writes a journal (JSON, no secrets) before and after every step; a write that fails (a full or read-only disk) stops it before the next step, and the file keeps its last complete version. Journals live under %ProgramData%\\AADSyncKey on Windows, elsewhere under $XDG_STATE_HOME/aadsynckey or ~/.local/state/aadsynckey; the environment variable AADSYNCKEY_DATA_DIR overrides the folder, read at every call.',
      'Every command that changes the server holds a lock on the server itself (%ProgramData%\\AADSyncKey\\server.lock there), whatever its data folder: a second recovery, or a Remove-AADSyncEncryptionKey from another window, is refused while one runs. The server also keeps a record of the last key abandon, so no later run abandons the same key again.',
      'If anything dies half-way (the window, the core, PowerShell), run Invoke-AADSyncKeyRecovery again, or with -Resume: it diagnoses the server again, closes a journal the server no longer fits as Superseded, and otherwise continues from the first step not proven done. Mistyped, missing or extra forest names are corrected by running it again with the right ones. Stop-AADSyncKeyRecovery cancels an unfinished recovery; Get-AADSyncKeyRecoveryJournal lists every recovery.',
    ),
    '',
    'REMOTE AND SEVERAL SERVERS',
    ...paragraphs(
      'Every cmdlet that reaches the sync server takes -ComputerName (WinRM), -HostName (SSH) or -Session (PSSessions you opened, with any credential), for one server or several. Nothing is installed on a server: the core on this computer sends its fixed scripts into the remote session as text, and passwords cross only sealed, inside the remoting channel. Output carries PSComputerName. With several servers each answers for itself: a server that fails is one error record naming it, and the others go on; reads run in parallel (-ThrottleLimit), changes one server after another.',
      'The lock against two recoveries of one server is held on that server, so two administrators on two computers cannot recover it at once. Test-AADSyncEncryptionKey -Detailed says StagingMode; recover staging servers first, then the active one (docs/remoting.md says why).',
    ),
    '',
    'SECRETS',
    ...paragraphs(
      'Passwords travel from the PSCredential to the core over a pipe and into its PowerShell session sealed for that session alone. They are never on a command line, in an environment variable, a journal, a log, or the verbose and error streams.',
    ),
    '',
    'ENVIRONMENT VARIABLES',
    '    AADSYNCKEY_SIMULATOR  state folder of a simulated server to work on instead',
    '                          of this computer',
    '    AADSYNCKEY_DATA_DIR   folder for journals and connector inventories',
    '    AADSYNCKEY_NODE       node (20 or later) to run the core with',
    '    AADSYNCKEY_CORE       node: run the core with node even where the package',
    '                          carries its single executable',
    '    AADSYNCKEY_PWSH       PowerShell for the core\'s session (default: Windows',
    '                          PowerShell 5.1 against a real Windows server,',
    '                          PowerShell 7 for a simulated one)',
    '',
    'ERRORS',
    ...paragraphs(
      'Every error is an ErrorRecord whose ErrorId is one of these, with a category, the target object and a recommended action. Catch one by its ErrorId ($_.FullyQualifiedErrorId), or by its category ($_.CategoryInfo.Category).',
    ),
    ...ALL_ERROR_CODES.flatMap((code) => ['', `    ${code} (${ERROR_CODES[code].category})`, ...fold(ERROR_CODES[code].meaning, '        '), ...fold(`What to do: ${ERROR_CODES[code].whatToDo}`, '        ')]),
    '',
    'SEE ALSO',
    ...commands.map((command) => `    ${command.name}`),
    '',
  ].join('\n');
}
