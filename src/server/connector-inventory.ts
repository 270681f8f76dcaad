import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerSnapshot } from '../adsync/server-snapshot.js';
import { compileSchema } from '../util/validation.js';
import { writeFileAtomically } from './atomic-file.js';
import { serverIdentity } from './server-identity.js';
import { connectorKind, type ConnectorKind } from '../adsync/connector-kind.js';

/** A connector as remembered between runs: enough to know whom to ask for a password, and never a password. */
export interface InventoryConnector {
  readonly name: string;
  readonly identifier: string;
  readonly type: ConnectorKind;
  readonly forest: string | null;
}

/** The last connector list read from a running service. */
export interface ConnectorInventory {
  readonly computerName: string;
  readonly readAt: string;
  /** ServiceAccount or Application: how the Azure AD connector signs in, when it could be read. */
  readonly aadIdentityType: string | null;
  readonly connectors: readonly InventoryConnector[];
}

const validateInventory = compileSchema<ConnectorInventory>({
  type: 'object',
  required: ['computerName', 'readAt', 'aadIdentityType', 'connectors'],
  properties: {
    computerName: { type: 'string' },
    readAt: { type: 'string' },
    aadIdentityType: { type: ['string', 'null'] },
    connectors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'identifier', 'type', 'forest'],
        properties: { name: { type: 'string' }, identifier: { type: 'string' }, type: { enum: ['AD', 'AzureAD'] }, forest: { type: ['string', 'null'] } },
      },
    },
  },
});


function inventoryFile(dataFolder: string, snapshot: ServerSnapshot): string {
  return join(dataFolder, 'inventory', `${serverIdentity(snapshot).id}.json`);
}

/**
 * The connectors of a server: read live when the service runs (and remembered), else the last remembered list.
 * With the key lost the service cannot run and the ADSync cmdlets cannot list connectors, so the remembered list
 * is what lets a recovery check, before it changes anything, that every AD connector has a credential.
 */
export function connectorInventory(dataFolder: string, snapshot: ServerSnapshot): ConnectorInventory | null {
  const file = inventoryFile(dataFolder, snapshot);
  if (snapshot.connectors !== null) {
    const inventory: ConnectorInventory = {
      computerName: snapshot.computerName,
      readAt: new Date().toISOString(),
      aadIdentityType: snapshot.aadIdentityType,
      connectors: snapshot.connectors.map((c) => ({ name: c.name, identifier: c.identifier, type: connectorKind(c), forest: c.forest })),
    };
    // Written only when it changed: reads are frequent, and each write is fsynced.
    const remembered = readRemembered(file);
    if (remembered !== null && JSON.stringify({ ...remembered, readAt: '' }) === JSON.stringify({ ...inventory, readAt: '' })) return remembered;
    writeFileAtomically(file, `${JSON.stringify(inventory, null, 2)}\n`, 'the connector inventory');
    return inventory;
  }
  return readRemembered(file);
}

// The remembered inventory in a file, or null when there is none or it is not one.
function readRemembered(file: string): ConnectorInventory | null {
  if (!existsSync(file)) return null;
  try {
    const remembered: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return validateInventory(remembered) ? remembered : null;
  } catch {
    return null;
  }
}

/**
 * Remembers a running server's connectors after a read, if it can: a read-only command must not fail because its
 * data folder cannot be written, so a failure is only said on the verbose stream.
 */
export function rememberConnectors(dataFolder: string, snapshot: ServerSnapshot, verbose: (message: string) => void): void {
  if (snapshot.connectors === null) return;
  try {
    connectorInventory(dataFolder, snapshot);
  } catch (error) {
    verbose(`The connector list was not remembered: ${error instanceof Error ? error.message : String(error)}`);
  }
}
