import type { ConnectorSnapshot } from './server-snapshot.js';

/** The two kinds of connector this module tells apart. */
export type ConnectorKind = 'AD' | 'AzureAD';

/**
 * Which kind a connector is, from the type Get-ADSyncConnector reports: 'AD' for an AD DS forest; the Azure AD
 * connector is an 'Extensible2' one, so everything that is not AD counts as Azure AD. The one place this is decided.
 */
export function connectorKind(connector: Pick<ConnectorSnapshot, 'type'>): ConnectorKind {
  return connector.type === 'AD' ? 'AD' : 'AzureAD';
}
