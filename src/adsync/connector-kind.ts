import type { ConnectorSnapshot } from './server-snapshot.js';

/** The two kinds of connector this module tells apart. */
export type ConnectorKind = 'AD' | 'AzureAD';

/** The Azure AD connector's fixed identifier, the same on every server (Microsoft's Entra Connect pages). */
export const AZURE_AD_CONNECTOR_ID = 'b891884f-051e-4a83-95af-2544101c9083';

/** The Azure AD connector's subtype as Get-ADSyncConnector reports it. */
export const AZURE_AD_CONNECTOR_SUBTYPE = 'Windows Azure Active Directory (Microsoft)';

/**
 * Which kind a connector is: the Azure AD connector by its fixed identifier or its subtype, an AD DS forest by its
 * type 'AD'. A connector that is neither still counts as Azure AD, as the module has no third kind yet. The one
 * place this is decided.
 */
export function connectorKind(connector: Pick<ConnectorSnapshot, 'type'> & Partial<Pick<ConnectorSnapshot, 'identifier' | 'subtype'>>): ConnectorKind {
  if (connector.identifier?.toLowerCase() === AZURE_AD_CONNECTOR_ID || connector.subtype === AZURE_AD_CONNECTOR_SUBTYPE) return 'AzureAD';
  return connector.type === 'AD' ? 'AD' : 'AzureAD';
}
