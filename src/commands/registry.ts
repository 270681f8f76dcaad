import type { CommandDefinition } from './command-definition.js';
import { registerCommand, type RegisteredCommand } from './register-command.js';
import { getServerStateDefinition } from './get-server-state/definition.js';
import { getServerState } from './get-server-state/handler.js';
import { getConnectorDefinition } from './get-connector/definition.js';
import { getConnector } from './get-connector/handler.js';
import { startServiceDefinition } from './start-service/definition.js';
import { startService } from './start-service/handler.js';
import { testEncryptionKeyDefinition } from './test-encryption-key/definition.js';
import { testEncryptionKey } from './test-encryption-key/handler.js';
import { removeEncryptionKeyDefinition } from './remove-encryption-key/definition.js';
import { removeEncryptionKey } from './remove-encryption-key/handler.js';
import { setConnectorCredentialDefinition } from './set-connector-credential/definition.js';
import { setConnectorCredential } from './set-connector-credential/handler.js';
import { resetAADServiceAccountDefinition } from './reset-aad-service-account/definition.js';
import { resetAADServiceAccountCmdlet } from './reset-aad-service-account/handler.js';
import { backupEncryptionKeyDefinition } from './backup-encryption-key/definition.js';
import { backupEncryptionKey } from './backup-encryption-key/handler.js';
import { invokeKeyRecoveryDefinition } from './invoke-key-recovery/definition.js';
import { invokeKeyRecovery } from './invoke-key-recovery/handler.js';
import { getRecoveryJournalDefinition } from './get-recovery-journal/definition.js';
import { getRecoveryJournal } from './get-recovery-journal/handler.js';
import { stopKeyRecoveryDefinition } from './stop-key-recovery/definition.js';
import { exportServerSurfaceDefinition } from './export-server-surface/definition.js';
import { exportServerSurface } from './export-server-surface/handler.js';
import { exportRecoveryReportDefinition } from './export-recovery-report/definition.js';
import { exportRecoveryReport } from './export-recovery-report/handler.js';
import { stopKeyRecovery } from './stop-key-recovery/handler.js';

export type { RegisteredCommand } from './register-command.js';

/** Every cmdlet of the module, in the order the manifest lists them. */
export const COMMANDS: readonly RegisteredCommand[] = [
  registerCommand(getServerStateDefinition, getServerState),
  registerCommand(testEncryptionKeyDefinition, testEncryptionKey),
  registerCommand(getConnectorDefinition, getConnector),
  registerCommand(startServiceDefinition, startService),
  registerCommand(removeEncryptionKeyDefinition, removeEncryptionKey),
  registerCommand(setConnectorCredentialDefinition, setConnectorCredential),
  registerCommand(resetAADServiceAccountDefinition, resetAADServiceAccountCmdlet),
  registerCommand(backupEncryptionKeyDefinition, backupEncryptionKey),
  registerCommand(invokeKeyRecoveryDefinition, invokeKeyRecovery),
  registerCommand(getRecoveryJournalDefinition, getRecoveryJournal),
  registerCommand(stopKeyRecoveryDefinition, stopKeyRecovery),
  registerCommand(exportServerSurfaceDefinition, exportServerSurface),
  registerCommand(exportRecoveryReportDefinition, exportRecoveryReport),
];

/** The definitions alone, for the generator. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = COMMANDS.map((command) => command.definition);
