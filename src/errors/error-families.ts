import type { ErrorCode } from './error-codes.js';

/**
 * The exception type of each error family, as PowerShell sees it: AADSyncKey.<Family>Exception, all deriving from
 * AADSyncKey.AADSyncKeyException, so `catch [AADSyncKey.ConnectorException]` and Pester's
 * `Should -Throw -ExceptionType` work as well as the ErrorId.
 */
export type ErrorFamily = 'Input' | 'Session' | 'Server' | 'Connector' | 'Key' | 'AzureAD' | 'Recovery' | 'DataFolder';

/** Every error code's family: one table, which the compiler holds complete. */
export const ERROR_FAMILIES = {
  InvalidRequest: 'Input', UnknownCommand: 'Input', EmptyPassword: 'Input', SecretTooLong: 'Input', InvalidConnectorCredential: 'Input',
  PowerShellUnavailable: 'Session', PowerShellTimeout: 'Session', PowerShellSessionLost: 'Session', PowerShellCommandFailed: 'Session',
  ProtocolViolation: 'Session', CoreUnavailable: 'Session', InternalError: 'Session',
  RemoteConnectionFailed: 'Session', RemoteSessionLost: 'Session', InvalidRemoteTarget: 'Input',
  SyncNotInstalled: 'Server', SyncServiceNotRunning: 'Server', ServiceStartFailed: 'Server', ServiceStopFailed: 'Server',
  ServerCommandMissing: 'Server', ServerFolderUntrusted: 'Server', ServerRecordCorrupt: 'Server', SyncNotVerified: 'Server', ServerChangeInProgress: 'Server',
  ConnectorNotFound: 'Connector', ConnectorNotAD: 'Connector', ConnectorCredentialMissing: 'Connector', ConnectorCredentialRejected: 'Connector',
  ConnectorAccountChange: 'Connector', EnterpriseAdminCredentialInvalid: 'Connector', ConnectorUnreachable: 'Connector',
  KeyNotLost: 'Key', KeyAbandonFailed: 'Key', KeyUnreadable: 'Key', KeyBackupFailed: 'Key', KeyAbandonInFlight: 'Key', KeyAbandonNotEffective: 'Key',
  ApplicationIdentityInUse: 'AzureAD', AzureADSignInFailed: 'AzureAD', AzureADMfaRequired: 'AzureAD', AADCredentialMissing: 'AzureAD',
  AzureADConnectorSignInFailed: 'AzureAD', AADIdentityUnknown: 'AzureAD', ApplicationCredentialUnusable: 'AzureAD',
  RecoveryNotNeeded: 'Recovery', RecoveryInProgress: 'Recovery', NoRecoveryToResume: 'Recovery', JournalCorrupt: 'Recovery', JournalServerMismatch: 'Recovery',
  RecoverySuperseded: 'Recovery', RecoveryNotFound: 'Recovery', RecoveryAlreadyEnded: 'Recovery',
  DataFolderFull: 'DataFolder', DataFolderReadOnly: 'DataFolder', DataFolderAccessDenied: 'DataFolder', FileExists: 'DataFolder',
} as const satisfies Record<ErrorCode, ErrorFamily>;

/** The families, in a fixed order (for the generated exception types). */
export const ALL_ERROR_FAMILIES: readonly ErrorFamily[] = ['Input', 'Session', 'Server', 'Connector', 'Key', 'AzureAD', 'Recovery', 'DataFolder'];

/** The .NET type name of a code's exception. */
export function exceptionTypeOf(code: string): string {
  const family = (ERROR_FAMILIES as Record<string, ErrorFamily | undefined>)[code];
  return family === undefined ? 'AADSyncKey.AADSyncKeyException' : `AADSyncKey.${family}Exception`;
}
