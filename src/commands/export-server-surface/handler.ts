import { existsSync } from 'node:fs';
import { readServerSnapshot, reportServerRecordProblem } from '../../adsync/server-snapshot.js';
import type { CommandContext } from '../../core/command-context.js';
import { AADSyncKeyError } from '../../errors/aadsynckey-error.js';
import { checkCommandSurface, COMMAND_NEEDS } from '../../operations/command-surface.js';
import { resultSchema, runScript } from '../../operations/run-script.js';
import { writeFileAtomically } from '../../server/atomic-file.js';
import type { ParametersOf } from '../parameter-values.js';
import type { exportServerSurfaceDefinition } from './definition.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** The ADSync commands the module calls, by name. */
const USED_COMMANDS = [...new Set([...Object.values(COMMAND_NEEDS).map((need) => need.command), 'Get-ADSyncScheduler', 'Get-ADSyncEntraConnectorCredential', 'Get-ADSyncGlobalSettings'])];

// Get-ServerSurface.ps1's result.
const validate = resultSchema({
  type: 'object',
  required: ['powerShell', 'adsyncModule', 'cmdlets', 'productVersionInRegistry', 'events'],
  properties: {
    powerShell: { type: 'object', required: ['version', 'edition'], properties: { version: { type: 'string' }, edition: { type: 'string' } } },
    adsyncModule: { anyOf: [{ type: 'null' }, { type: 'object', required: ['name', 'version'], properties: { name: { type: 'string' }, version: { type: 'string' } } }] },
    cmdlets: { type: 'array' },
    productVersionInRegistry: { type: 'boolean' },
    events: { type: 'array' },
  },
});

/** Export-AADSyncServerSurface: read the surface, write it whole, say what was written. */
export async function exportServerSurface(context: CommandContext<ParametersOf<typeof exportServerSurfaceDefinition>>): Promise<void> {
  const { Path: path, Force: force } = context.parameters;
  if (existsSync(path) && force !== true) {
    throw new AADSyncKeyError('FileExists', `The file '${path}' exists; nothing was written. Use -Force to replace it, or choose another path.`, { target: path });
  }
  const snapshot = await readServerSnapshot(context.session, context.streams, context.parameters.TimeoutSeconds);
  reportServerRecordProblem(snapshot, context.streams);
  const surface = await runScript(context, { script: 'Get-ServerSurface', arguments: { Commands: USED_COMMANDS } }, validate);
  const preflight = await checkCommandSurface(context, Object.values(COMMAND_NEEDS));
  const document = {
    format: 'AADSyncKey.ServerSurface/1',
    capturedAt: new Date().toISOString(),
    computerName: snapshot.computerName,
    build: snapshot.build,
    buildSource: snapshot.buildSource ?? null,
    ...surface,
    missingParameters: preflight.filter((check) => !check.present).map((check) => `${check.command} -${check.parameter ?? ''}`),
  };
  if (!(await context.shouldProcess(path, 'Write the server\'s command surface (no secrets)'))) return;
  writeFileAtomically(path, `${JSON.stringify(document, null, 2)}\n`, 'the surface file');
  context.streams.output(OUTPUT_TYPE.ServerSurface, {
    Path: path,
    ComputerName: snapshot.computerName,
    PowerShell: `${surface.powerShell.version} (${surface.powerShell.edition})`,
    ADSyncModule: surface.adsyncModule === null ? null : `${surface.adsyncModule.name} ${surface.adsyncModule.version}`,
    Build: snapshot.build,
    BuildSource: snapshot.buildSource ?? null,
    MissingParameters: document.missingParameters,
  });
}
