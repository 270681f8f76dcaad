import { readServerSnapshot, reportServerRecordProblem } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { checkCommandSurface, COMMAND_NEEDS } from '../../operations/command-surface.js';
import { buildSupported, diagnose } from '../../diagnosis/diagnose.js';
import { DiagnosisStatus } from '../../diagnosis/diagnosis-status.js';
import { rememberConnectors } from '../../server/connector-inventory.js';
import type { ParametersOf } from '../parameter-values.js';
import type { testEncryptionKeyDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

// Statuses in which the service runs with a readable key; other faults may remain, but not the key's.
const KEY_READABLE = new Set<DiagnosisStatus>([
  DiagnosisStatus.Healthy,
  DiagnosisStatus.ConnectorCredentialInvalid,
  DiagnosisStatus.AzureADCredentialStale,
  DiagnosisStatus.AzureADSignInBlocked,
]);

/** Test-AADSyncEncryptionKey: one read of the server, diagnosed. */
export async function testEncryptionKey(context: CommandContext<ParametersOf<typeof testEncryptionKeyDefinition>>): Promise<void> {
  const snapshot = await readServerSnapshot(context.session, context.streams, context.parameters.TimeoutSeconds);
  reportServerRecordProblem(snapshot, context.streams);
  rememberConnectors(context.dataFolder, snapshot, context.streams.verbose);
  const diagnosis = diagnose(snapshot);
  context.streams.verbose(`Diagnosis: ${diagnosis.status}. ${diagnosis.summary}`);
  if (context.parameters.Detailed !== true) {
    context.streams.output(null, KEY_READABLE.has(diagnosis.status));
    return;
  }
  // What the server's own ADSync commands offer of what this module calls (the preflight a recovery runs).
  const preflight = await checkCommandSurface(context, Object.values(COMMAND_NEEDS));
  context.streams.output(OUTPUT_TYPE.Diagnosis, {
    ComputerName: snapshot.computerName,
    Status: diagnosis.status,
    KeyReadable: KEY_READABLE.has(diagnosis.status),
    Summary: diagnosis.summary,
    RecommendedAction: diagnosis.recommendedAction,
    AbandonKeyRunbookApplies: diagnosis.abandonKeyRunbookApplies,
    Build: snapshot.build,
    // $false below the build floor (every build below 2.5.79.0 stopped syncing on 30 September 2026).
    BuildSupported: buildSupported(snapshot.build),
    // How the Azure AD connector signs in to Entra: Application, ServiceAccount, or null when it could not be read.
    IdentityType: snapshot.aadIdentityType,
    BuildGuidance: diagnosis.buildGuidance,
    ServiceStatus: snapshot.service?.status ?? null,
    // Which server of a deployment this is: a staging server exports nothing, so it is recovered first (docs/remoting.md).
    // Null when the scheduler cannot be read (the service does not run).
    StagingMode: snapshot.stagingMode,
    AffectedConnectors: diagnosis.affectedConnectors,
    Evidence: diagnosis.evidence.map((item) => ({ PSTypeName: OUTPUT_TYPE.Evidence, Source: item.source, Id: item.id, Time: item.time, Text: item.text })),
    Preflight: preflight.map((check) => ({ PSTypeName: OUTPUT_TYPE.PreflightCheck, Command: check.command, Parameter: check.parameter, Present: check.present, NeededFor: check.purpose })),
  });
}
