import type { ConnectorSnapshot, ServerSnapshot } from './server-snapshot.js';
import type { CommandContext } from '../core/command-context.js';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';

/** Fails with SyncNotInstalled unless Azure AD Connect is installed. */
export function requireInstalled(snapshot: ServerSnapshot): void {
  if (!snapshot.installed || snapshot.service === null) {
    throw new AADSyncKeyError('SyncNotInstalled', `Azure AD Connect (the ADSync service) is not installed on ${snapshot.computerName}.`, { target: snapshot.computerName });
  }
}

/** The connectors, or SyncServiceNotRunning naming what needs the service (the ADSync cmdlets talk to it). */
export function requireRunningService(snapshot: ServerSnapshot, purpose: string): ConnectorSnapshot[] {
  requireInstalled(snapshot);
  if (snapshot.connectors === null) {
    throw new AADSyncKeyError(
      'SyncServiceNotRunning',
      `${purpose} needs the ADSync service running, and it is ${snapshot.service?.status ?? 'not running'}. Start it first (Start-AADSyncService -SkipSyncCycle); if it will not start, run Test-AADSyncEncryptionKey -Detailed.`,
      { target: 'ADSync' },
    );
  }
  return snapshot.connectors;
}

/** A credential the request carries, refused before anything runs if its password is empty. */
export function requireCredential(context: Pick<CommandContext, 'credentials'>, parameter: string, target?: string): SecretCredential {
  const credential = context.credentials[parameter];
  if (credential === undefined) {
    throw new AADSyncKeyError('InvalidRequest', `The -${parameter} credential is required.`, { target: target ?? parameter });
  }
  if (credential.password.length === 0) {
    throw new AADSyncKeyError('EmptyPassword', `The -${parameter} credential for '${credential.userName}' has an empty password; nothing was changed.`, { target: target ?? parameter });
  }
  return credential;
}

/** The connector of that name, or ConnectorNotFound with the ADSync module's own text. */
export function findConnector(connectors: readonly ConnectorSnapshot[], name: string): ConnectorSnapshot {
  const connector = connectors.find((candidate) => candidate.name === name);
  if (connector === undefined) {
    const known = connectors.map((c) => c.name).join(', ');
    throw new AADSyncKeyError('ConnectorNotFound', `Operation failed because the specified MA could not be found: no connector is named '${name}' (connectors: ${known}).`, { target: name });
  }
  return connector;
}
