import type { CommandHandler } from '../core/command-context.js';
import type { CommandDefinition } from './command-definition.js';
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
import { resetAADServiceAccount } from './reset-aad-service-account/handler.js';
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

/** A cmdlet's definition with the core logic that serves it. */
export interface RegisteredCommand {
  readonly definition: CommandDefinition;
  readonly handler: CommandHandler;
}

/** Every cmdlet of the module, in the order the manifest lists them. */
export const COMMANDS: readonly RegisteredCommand[] = [
  { definition: getServerStateDefinition, handler: getServerState },
  { definition: testEncryptionKeyDefinition, handler: testEncryptionKey as CommandHandler },
  { definition: getConnectorDefinition, handler: getConnector as CommandHandler },
  { definition: startServiceDefinition, handler: startService as CommandHandler },
  { definition: removeEncryptionKeyDefinition, handler: removeEncryptionKey as CommandHandler },
  { definition: setConnectorCredentialDefinition, handler: setConnectorCredential as CommandHandler },
  { definition: resetAADServiceAccountDefinition, handler: resetAADServiceAccount as CommandHandler },
  { definition: backupEncryptionKeyDefinition, handler: backupEncryptionKey as CommandHandler },
  { definition: invokeKeyRecoveryDefinition, handler: invokeKeyRecovery as CommandHandler },
  { definition: getRecoveryJournalDefinition, handler: getRecoveryJournal as CommandHandler },
  { definition: stopKeyRecoveryDefinition, handler: stopKeyRecovery as CommandHandler },
  { definition: exportServerSurfaceDefinition, handler: exportServerSurface as CommandHandler },
  { definition: exportRecoveryReportDefinition, handler: exportRecoveryReport as CommandHandler },
];

/** The definitions alone, for the generator. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = COMMANDS.map((command) => command.definition);
