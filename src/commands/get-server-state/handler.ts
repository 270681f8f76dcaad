import { readServerSnapshot, reportServerRecordProblem, type ServerSnapshot } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { rememberConnectors } from '../../server/connector-inventory.js';
import type { ParametersOf } from '../parameter-values.js';
import type { getServerStateDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';
import { connectorKind } from '../../adsync/connector-kind.js';

/** The AADSyncKey.ServerState object as PowerShell shows it (PascalCase, as cmdlet output is). */
export function toServerStateOutput(snapshot: ServerSnapshot): object {
  return {
    ComputerName: snapshot.computerName,
    Installed: snapshot.installed,
    InstallLocation: snapshot.installLocation,
    Build: snapshot.build,
    BuildSource: snapshot.buildSource ?? null,
    ServiceStatus: snapshot.service?.status ?? null,
    ServiceAccount: snapshot.service?.account ?? null,
    ServiceStartMode: snapshot.service?.startMode ?? null,
    ExitCode: snapshot.service?.exitCode ?? null,
    ServiceSpecificExitCode: snapshot.service?.serviceSpecificExitCode ?? null,
    LastServiceStart: snapshot.lastServiceStart,
    Connectors: snapshot.connectors?.map((connector) => ({
      PSTypeName: OUTPUT_TYPE.ServerConnector,
      Name: connector.name,
      Identifier: connector.identifier,
      Type: connectorKind(connector),
      ConnectorTypeName: connector.connectorTypeName,
      Forest: connector.forest,
      LoginUser: connector.loginUser,
      LoginDomain: connector.loginDomain,
      AzureADUserName: connector.aadUserName,
    })) ?? null,
    ConnectorsUnavailableReason: snapshot.connectorsUnavailableReason,
    AzureADIdentityType: snapshot.aadIdentityType,
    StagingMode: snapshot.stagingMode,
    ReadFailures: Object.entries(snapshot.readFailures ?? {}).map(([command, reason]) => ({ PSTypeName: OUTPUT_TYPE.ReadFailure, Command: command, Reason: reason })),
    Events: snapshot.events.map((event) => ({
      PSTypeName: OUTPUT_TYPE.Event,
      Id: event.id,
      LogName: event.logName,
      ProviderName: event.providerName,
      Level: event.level,
      TimeCreated: event.timeCreated,
      RecordId: event.recordId,
      Message: event.message,
    })),
  };
}

/** Get-AADSyncServerState: one read of the server, returned as one typed object. */
export async function getServerState(context: CommandContext<ParametersOf<typeof getServerStateDefinition>>): Promise<void> {
  const snapshot = await readServerSnapshot(context.session, context.streams, context.parameters.TimeoutSeconds);
  reportServerRecordProblem(snapshot, context.streams);
  rememberConnectors(context.dataFolder, snapshot, context.streams.verbose);
  if (!snapshot.installed) {
    context.streams.warning('Azure AD Connect is not installed on this server (no HKLM:\\SOFTWARE\\Microsoft\\AD Sync key).');
  }
  context.streams.output(OUTPUT_TYPE.ServerState, toServerStateOutput(snapshot));
}
