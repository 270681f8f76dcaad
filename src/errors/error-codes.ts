// The one list of stable error codes. The PowerShell side raises ErrorRecords whose ErrorId is the code;
// docs/reference/errors.md is generated from this table.

/** PowerShell's ErrorCategory names that this project uses. */
export type PowerShellErrorCategory =
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'InvalidResult'
  | 'ObjectNotFound'
  | 'OperationTimeout'
  | 'PermissionDenied'
  | 'ResourceUnavailable'
  | 'NotInstalled'
  | 'NotSpecified'
  | 'NotImplemented'
  | 'ResourceExists'
  | 'OpenError'
  | 'ResourceBusy'
  | 'AuthenticationError'
  | 'SecurityError'
  | 'WriteError'
  | 'ConnectionError';

/** What each code means and what an administrator does about it. */
export interface ErrorCodeInfo {
  readonly category: PowerShellErrorCategory;
  readonly meaning: string;
  readonly whatToDo: string;
}

export const ERROR_CODES = {
  InvalidRequest: {
    category: 'InvalidArgument',
    meaning: 'A cmdlet request did not match its JSON Schema in the core; nothing was run on the server.',
    whatToDo: 'Correct the parameter named in the message and run the cmdlet again.',
  },
  UnknownCommand: {
    category: 'InvalidArgument',
    meaning: 'The core was asked for a command it does not define (module and core versions differ).',
    whatToDo: 'Re-import the module from the same checkout as the core (Import-Module -Force).',
  },
  PowerShellUnavailable: {
    category: 'ResourceUnavailable',
    meaning: 'The core could not start its PowerShell session.',
    whatToDo: 'Install PowerShell 7 (npm run setup does it), or set AADSYNCKEY_PWSH to the pwsh executable.',
  },
  PowerShellTimeout: {
    category: 'OperationTimeout',
    meaning: 'A PowerShell command on the server did not finish within its time limit; the session was ended and will be restarted.',
    whatToDo: 'Check the server (a hung service or WMI); run the cmdlet again, or raise -TimeoutSeconds where the cmdlet has it.',
  },
  PowerShellSessionLost: {
    category: 'ResourceUnavailable',
    meaning: 'The PowerShell session ended while a command was running.',
    whatToDo: 'Run the cmdlet again; the core starts a new session.',
  },
  RemoteConnectionFailed: {
    category: 'ConnectionError',
    meaning: 'The core could not open a PowerShell remoting session to the server (WSMan or SSH), or could not load its session host there.',
    whatToDo: 'Check that Enter-PSSession reaches the server with the same parameters (name, port, user, key file), then run the command again. Nothing was changed on that server.',
  },
  RemoteSessionLost: {
    category: 'ConnectionError',
    meaning: 'The remoting session to the server ended while a command was running there; what that command did on the server is not known.',
    whatToDo: 'Run the command again: a new session is opened. An interrupted recovery continues from its journal, and a key that was abandoned is not abandoned again.',
  },
  InvalidRemoteTarget: {
    category: 'InvalidArgument',
    meaning: 'The remoting parameters do not name a server in one way: -ComputerName, -HostName and -Session exclude each other, and SSH and WSMan options do not mix.',
    whatToDo: 'Give the servers with one of -ComputerName (WSMan), -HostName (SSH) or -Session, with the options of that transport only.',
  },
  PowerShellCommandFailed: {
    category: 'NotSpecified',
    meaning: 'A command on the server failed; the message and the PowerShell FullyQualifiedErrorId of the original error are kept.',
    whatToDo: 'Read the original message; fix its cause on the server and run the cmdlet again.',
  },
  ProtocolViolation: {
    category: 'InvalidResult',
    meaning: 'The core or the PowerShell session answered with data that did not match its schema.',
    whatToDo: 'Report it with the verbose output (-Verbose); the module and core may come from different versions.',
  },
  CoreUnavailable: {
    category: 'ResourceUnavailable',
    meaning: 'The module could not start the Node core, or the core exited during a call.',
    whatToDo: 'Check that node (20 or later) is on PATH and that the project is built (npm run setup); the next call starts a new core.',
  },
  SyncNotInstalled: {
    category: 'NotInstalled',
    meaning: 'Azure AD Connect (the ADSync service) is not installed on this server.',
    whatToDo: 'Run the cmdlet on the Azure AD Connect server itself.',
  },
  SyncServiceNotRunning: {
    category: 'ResourceUnavailable',
    meaning: 'The command needs the ADSync service running (the ADSync cmdlets talk to it), and it is not.',
    whatToDo: 'Start the service first, or run Test-AADSyncEncryptionKey -Detailed to see why it does not run.',
  },
  ConnectorNotFound: {
    category: 'ObjectNotFound',
    meaning: 'No connector has the given name ("Operation failed because the specified MA could not be found.").',
    whatToDo: 'List the connectors with Get-AADSyncConnector and use one of their names.',
  },
  ServiceStartFailed: {
    category: 'OpenError',
    meaning: 'The ADSync service did not reach Running, or it logged a new 6028 as it started.',
    whatToDo: 'Run Test-AADSyncEncryptionKey -Detailed: it says whether the key, the service account password or something else stops it.',
  },
  EmptyPassword: {
    category: 'InvalidArgument',
    meaning: 'A credential was given with an empty password; nothing was changed.',
    whatToDo: 'Pass a credential with the account\'s password (Get-Credential).',
  },
  ConnectorNotAD: {
    category: 'InvalidArgument',
    meaning: 'The connector is not an Active Directory connector, so it has no AD DS account to set; nothing was changed.',
    whatToDo: 'Use Get-AADSyncConnector -Type AD for AD connectors; the Azure AD connector is reset with Reset-AADSyncAADServiceAccount.',
  },
  KeyNotLost: {
    category: 'InvalidOperation',
    meaning: 'The key is readable (or the diagnosis found another cause), so abandoning it would only destroy every stored credential; nothing was changed.',
    whatToDo: 'Follow the diagnosis\'s recommended action (Test-AADSyncEncryptionKey -Detailed). Use -Force only if you are sure the key must go.',
  },
  ServiceStopFailed: {
    category: 'OperationTimeout',
    meaning: 'The ADSync service did not stop in time, so the key could not be abandoned (miiskmu /a refuses while it runs: error 80131600).',
    whatToDo: 'Stop the service (Stop-Service ADSync -Force), check that miiserver.exe has ended, and run the cmdlet again.',
  },
  KeyAbandonFailed: {
    category: 'InvalidResult',
    meaning: 'miiskmu.exe /a ran, but the key set still reads as valid afterwards, or miiskmu reported an error.',
    whatToDo: 'Read miiskmu\'s output in the message; run the cmdlet again with -Verbose, or run miiskmu.exe /a by hand with the service stopped.',
  },
  KeyUnreadable: {
    category: 'InvalidOperation',
    meaning: 'The key cannot be read, so there is nothing to back up; nothing was written.',
    whatToDo: 'Back up the key while it is healthy; to recover now, run Invoke-AADSyncKeyRecovery.',
  },
  KeyBackupFailed: {
    category: 'WriteError',
    meaning: 'miiskmu.exe /e did not write the key set file.',
    whatToDo: 'Check the folder exists and is writable, and that the account given with -Credential is right; read miiskmu\'s output in the message.',
  },
  EnterpriseAdminCredentialInvalid: {
    category: 'AuthenticationError',
    meaning: 'The Enterprise Admin credential was refused, so the AD DS account\'s password was not reset.',
    whatToDo: 'Check the user name and password of an Enterprise Admin of that forest, and run the cmdlet again.',
  },
  ApplicationIdentityInUse: {
    category: 'InvalidOperation',
    meaning: 'The Azure AD connector signs in with an application (certificate) identity: there is no Sync_ service account to reset.',
    whatToDo: 'Skip the Azure AD account step; manage the application identity with the Entra Connect wizard or the ADSync application cmdlets.',
  },
  AADIdentityUnknown: {
    category: 'ResourceUnavailable',
    meaning: "The Azure AD connector's sign-in identity could not be read (Get-ADSyncEntraConnectorCredential failed), so the recovery did not run Add-ADSyncAADServiceAccount: on a server that signs in with an application identity that command is Microsoft's rollback to the legacy service account. Nothing was changed by this step.",
    whatToDo: "Read it on the server: Get-ADSyncEntraConnectorCredential (its ConnectorIdentityType). Fix what the message says stopped the read, then run the recovery again: it continues from this step and reads the identity again.",
  },
  ApplicationCredentialUnusable: {
    category: 'AuthenticationError',
    meaning: "The Azure AD connector signs in with an application identity, and after the recovery it could not sign in: the application credential is unusable (a certificate in the sync account's store, protected by the DPAPI keys that the password change may have lost). The identity was left as it is.",
    whatToDo: "Rotate the credential: for a certificate Entra Connect manages, the wizard's 'Rotate application certificate'; for your own certificate or application (BYOC, BYOA), Invoke-ADSyncApplicationCredentialRotation -CertificateSHA256Hash <hash>. Or roll back to the legacy service account: run the recovery again with -RollbackToServiceAccount (and -AADCredential); it continues without abandoning the key again.",
  },
  AzureADSignInFailed: {
    category: 'AuthenticationError',
    meaning: 'Azure AD refused the administrator credential given in -AADCredential (AADSTS50126: invalid user name or password).',
    whatToDo: 'Check the user name (UPN) and password of that Hybrid Identity Administrator (or Global Administrator), and run the cmdlet again.',
  },
  AzureADMfaRequired: {
    category: 'AuthenticationError',
    meaning: 'Azure AD demands multi-factor authentication or a Conditional Access condition for the credential (AADSTS50076).',
    whatToDo: 'Use a Hybrid Identity Administrator (or Global Administrator) that can sign in without interactive MFA from this server, or exclude it from the Conditional Access policy for the recovery.',
  },
  RecoveryNotNeeded: {
    category: 'InvalidOperation',
    meaning: 'The diagnosis is not key loss, so the recovery did not abandon the key; nothing was changed.',
    whatToDo: 'Follow the diagnosis\'s recommended action in the message. Use -Force only if you are sure the key must be abandoned.',
  },
  InvalidConnectorCredential: {
    category: 'InvalidArgument',
    meaning: 'A -ConnectorCredential entry (or a piped ConnectorName/Credential pair) is not a connector name with a PSCredential; nothing was sent.',
    whatToDo: "Give a hashtable of AD connector name to PSCredential: @{ 'contoso.com' = (Get-Credential) }.",
  },
  ConnectorCredentialMissing: {
    category: 'InvalidArgument',
    meaning: 'An AD connector has no credential: after the key is abandoned every AD connector needs its AD DS account password again.',
    whatToDo: 'Add a credential for each connector named in the message (or list it in -ResetConnector with -EnterpriseAdminCredential) and run the recovery again; it continues where it stopped.',
  },
  AADCredentialMissing: {
    category: 'InvalidArgument',
    meaning: 'The Azure AD service account must be reinitialized and no -AADCredential was given.',
    whatToDo: 'Run the recovery again with -AADCredential (a Hybrid Identity Administrator, the least role Microsoft names, or a Global Administrator); it continues where it stopped.',
  },
  ConnectorCredentialRejected: {
    category: 'AuthenticationError',
    meaning: 'The verifying delta cycle failed for a connector (no-start-credentials): the password given for it was not accepted.',
    whatToDo: 'Run the recovery again with the right credential for that connector; it redoes that connector and verifies again.',
  },
  ConnectorUnreachable: {
    category: 'ConnectionError',
    meaning: "The verifying delta cycle's runs of a connector could not reach its directory (no-start-connection, stopped-connectivity, stopped-server-down): its credential is neither proven nor refused, and no credential was changed because of it.",
    whatToDo: "Check that this server reaches the connector's domain controllers (or Entra ID) and run the recovery again; it runs the verifying cycle again without entering any credential again.",
  },
  AzureADConnectorSignInFailed: {
    category: 'AuthenticationError',
    meaning: "The verifying delta cycle's run of the Azure AD connector could not sign in (stopped-extension-dll-exception or no-start-credentials). The recovery does not reset the Azure AD sign-in a second time by itself.",
    whatToDo: "With the legacy service account, reset it deliberately: Reset-AADSyncAADServiceAccount -AADCredential (Get-Credential) (a Hybrid Identity Administrator at least). With an application identity: the wizard's 'Rotate application certificate', or Invoke-ADSyncApplicationCredentialRotation. Then run the recovery again: it verifies again.",
  },
  RecoveryInProgress: {
    category: 'ResourceBusy',
    meaning: 'Another recovery of this server is running; the message names its process, machine, user and start time.',
    whatToDo: 'Wait for it to finish (Get-AADSyncKeyRecoveryJournal shows it). A lock left by a process that no longer runs is taken over by itself.',
  },
  NoRecoveryToResume: {
    category: 'ObjectNotFound',
    meaning: '-Resume was given but no unfinished recovery of this server was found.',
    whatToDo: 'List recoveries with Get-AADSyncKeyRecoveryJournal; run without -Resume to start a new one.',
  },
  JournalCorrupt: {
    category: 'InvalidData',
    meaning: 'A recovery journal cannot be read or does not match its schema, so it cannot be trusted to resume from; nothing was changed.',
    whatToDo: 'Move the file named in the message aside (keep it for the audit), then run Test-AADSyncEncryptionKey -Detailed and the recovery again.',
  },
  JournalServerMismatch: {
    category: 'InvalidData',
    meaning: 'The journal given with -JournalPath records a recovery of another server; nothing was changed.',
    whatToDo: 'Give this server\'s journal (Get-AADSyncKeyRecoveryJournal lists them), or leave -JournalPath out.',
  },
  InternalError: {
    category: 'NotSpecified',
    meaning: 'The core failed in a way it does not classify (a bug).',
    whatToDo: 'Run the cmdlet again with -Verbose and report the message; nothing after the failing step was run.',
  },
  SecretTooLong: {
    category: 'InvalidArgument',
    meaning: 'A password is longer than the server accepts (Active Directory and Microsoft Entra ID passwords are at most 256 characters); nothing was changed.',
    whatToDo: 'Check the credential named in the message: a password that long was pasted wrongly.',
  },
  DataFolderFull: {
    category: 'WriteError',
    meaning: 'A journal, inventory or lock file could not be written because the disk (or quota) is full. A recovery stops before its next step; the file on disk keeps its last complete version.',
    whatToDo: 'Free space on the volume named in the message (or set AADSYNCKEY_DATA_DIR to a folder with room), then run the cmdlet again: a recovery continues from its journal.',
  },
  DataFolderReadOnly: {
    category: 'WriteError',
    meaning: 'A journal, inventory or lock file could not be written because its file system is read-only.',
    whatToDo: 'Point AADSYNCKEY_DATA_DIR (or -JournalPath) at a writable folder, or remount the volume read-write, then run the cmdlet again.',
  },
  DataFolderAccessDenied: {
    category: 'PermissionDenied',
    meaning: 'A journal, inventory or lock file could not be written because access to its folder is denied.',
    whatToDo: 'Run PowerShell as an administrator who may write the folder named in the message, or point AADSYNCKEY_DATA_DIR at one, then run the cmdlet again.',
  },
  RecoverySuperseded: {
    category: 'InvalidOperation',
    meaning: 'An unfinished recovery no longer matches the server (it was repaired, or has another problem now); its journal was closed as superseded and nothing was changed.',
    whatToDo: 'Read the diagnosis in the message (Test-AADSyncEncryptionKey -Detailed); run Invoke-AADSyncKeyRecovery without -Resume if the key is lost again.',
  },
  ConnectorAccountChange: {
    category: 'InvalidArgument',
    meaning: "The credential's account is of another domain than the one the connector signs in with: storing it would move the connector to another forest's account. Nothing was changed.",
    whatToDo: "Give the connector's own AD DS account (Get-AADSyncConnector shows LoginDomain and LoginUser), or add -Force if the connector is meant to use that account.",
  },
  ServerCommandMissing: {
    category: 'NotImplemented',
    meaning: "The server's ADSync module lacks a command or parameter the plan needs (checked before anything changes); the message names it and the documented alternative.",
    whatToDo: "Use the alternative the message names (for a known AD DS password: -ResetConnector with an Enterprise Admin, or Synchronization Service Manager); Test-AADSyncEncryptionKey -Detailed lists what the server's commands have.",
  },
  ServerFolderUntrusted: {
    category: 'SecurityError',
    meaning: "The server's %ProgramData%\\AADSyncKey folder, or a file in it, is owned by another user or may be changed by non-administrators (Users, Authenticated Users, Everyone, CREATOR OWNER or another account; off Windows, another uid or a group- or world-writable mode), so its lock and records cannot be trusted. Nothing in it was read and nothing was changed.",
    whatToDo: 'An administrator checks what the folder holds and removes it (the message gives the command); the module makes it again with an ACL for SYSTEM and Administrators only.',
  },
  ServerRecordCorrupt: {
    category: 'InvalidData',
    meaning: 'A record in the server folder (abandon.json, reentered.json) is not JSON, or its fields do not fit what the module writes, so it was not used. A change was refused before anything changed; a read-only cmdlet reports it and goes on.',
    whatToDo: 'An administrator looks at the file the message names and removes it; run the cmdlet again.',
  },
  FileExists: {
    category: 'ResourceExists',
    meaning: 'The file to write exists already; nothing was written.',
    whatToDo: 'Give another path, or -Force to replace the file.',
  },
  SyncNotVerified: {
    category: 'OperationTimeout',
    meaning: 'The verifying delta cycle produced no new run of some connectors within the time limit, so their credentials are not proven.',
    whatToDo: 'Run the command again with a larger -TimeoutSeconds (a large directory takes longer); Get-ADSyncRunProfileResult on the server shows the runs.',
  },
  RecoveryNotFound: {
    category: 'ObjectNotFound',
    meaning: 'No unfinished recovery of this server matches the id or journal given; nothing was changed.',
    whatToDo: 'List them with Get-AADSyncKeyRecoveryJournal -Unfinished and give one of their ids (or -JournalPath for a journal kept elsewhere).',
  },
  RecoveryAlreadyEnded: {
    category: 'InvalidOperation',
    meaning: 'The recovery named has already ended (succeeded, superseded or cancelled); there is nothing to cancel.',
    whatToDo: 'Nothing to do; Get-AADSyncKeyRecoveryJournal shows how it ended.',
  },
  ServerChangeInProgress: {
    category: 'ResourceBusy',
    meaning: 'Another AADSyncKey command is changing this server right now (the server-wide lock is held); nothing was changed.',
    whatToDo: 'Wait for the command named in the message to finish, then run this one again.',
  },
  KeyAbandonInFlight: {
    category: 'ResourceBusy',
    meaning: 'A miiskmu.exe /a started earlier (by a session that was ended) is still running on the server; abandoning again now could abandon the key twice.',
    whatToDo: 'Wait until the miiskmu.exe process named in the message has ended, then run the command again: it reads what that abandon did.',
  },
  KeyAbandonNotEffective: {
    category: 'InvalidResult',
    meaning: 'miiskmu.exe /a reported success, but the service still fails on an unreadable key (a new event 6028 after the abandon).',
    whatToDo: 'Run Invoke-AADSyncKeyRecovery again: the abandon step runs once more, since the server never saw the first. If it fails again, read the Application log.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A stable error code, used as the ErrorId of the PowerShell ErrorRecord. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every defined code, in declaration order. */
export const ALL_ERROR_CODES = Object.keys(ERROR_CODES) as ErrorCode[];
