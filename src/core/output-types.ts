// The PSTypeNames of every object the module writes (and of the objects nested in them): the definitions' OutputType and
// views, the handlers' output and the nested PSTypeName properties all name them from here.
export const OUTPUT_TYPE = {
  AADServiceAccountResult: 'AADSyncKey.AADServiceAccountResult',
  Connector: 'AADSyncKey.Connector',
  ConnectorCredentialResult: 'AADSyncKey.ConnectorCredentialResult',
  Diagnosis: 'AADSyncKey.Diagnosis',
  Event: 'AADSyncKey.Event',
  Evidence: 'AADSyncKey.Evidence',
  JournalEvent: 'AADSyncKey.JournalEvent',
  KeyBackup: 'AADSyncKey.KeyBackup',
  KeyRemoval: 'AADSyncKey.KeyRemoval',
  PreflightCheck: 'AADSyncKey.PreflightCheck',
  ReadFailure: 'AADSyncKey.ReadFailure',
  RecoveryCancellation: 'AADSyncKey.RecoveryCancellation',
  RecoveryJournal: 'AADSyncKey.RecoveryJournal',
  RecoveryPlan: 'AADSyncKey.RecoveryPlan',
  RecoveryReport: 'AADSyncKey.RecoveryReport',
  RecoveryResult: 'AADSyncKey.RecoveryResult',
  RecoveryStep: 'AADSyncKey.RecoveryStep',
  ServerConnector: 'AADSyncKey.ServerConnector',
  ServerState: 'AADSyncKey.ServerState',
  ServerSurface: 'AADSyncKey.ServerSurface',
  ServiceVerification: 'AADSyncKey.ServiceVerification',
} as const;

/** One of the module's output type names. */
export type OutputTypeName = (typeof OUTPUT_TYPE)[keyof typeof OUTPUT_TYPE];
