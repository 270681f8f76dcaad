import { expect } from 'chai';
import sinon from 'sinon';
import type { CommandDefinition, ParameterDefinition } from '../../../src/commands/command-definition.js';
import { requestSchemaOf } from '../../../src/commands/parameter-values.js';
import { registerCommand } from '../../../src/commands/register-command.js';
import { startServiceDefinition } from '../../../src/commands/start-service/definition.js';
import { startService } from '../../../src/commands/start-service/handler.js';
import { RequestRunner } from '../../../src/cli/request-runner.js';
import { SessionPool } from '../../../src/cli/session-pool.js';
import type { CoreRecord } from '../../../src/cli/protocol.js';
import { emitCmdletDoc } from '../../../src/generator/emit-cmdlet-doc.js';
import { emitFunction } from '../../../src/generator/emit-function.js';
import type { PowerShellSessionLike } from '../../../src/session/session-types.js';

// A parameter's default and range are written once, in its definition: changing them there (the one line this
// test changes) must reach the param block, the comment help, the reference page, the request schema and what
// the handler receives.
// The changed copy keeps the definition's type: a number stays a number, so the handler's type is unchanged.
function withTimeout<D extends CommandDefinition>(definition: D, change: Pick<ParameterDefinition, 'default' | 'validateRange'>): D {
  return { ...definition, parameters: definition.parameters.map((p) => (p.name === 'TimeoutSeconds' ? { ...p, ...change } : p)) } as D;
}

describe('one definition per parameter', () => {
  const changed = withTimeout(startServiceDefinition, { default: 240, validateRange: [30, 900] });

  it('reaches the param block and the comment help', () => {
    const emitted = emitFunction(changed);
    expect(emitted).to.include('[ValidateRange(30, 900)]').and.include('$TimeoutSeconds = 240');
    expect(emitted).not.to.include('$TimeoutSeconds = 120');
    expect(emitted).to.match(/\.PARAMETER TimeoutSeconds\n\s+How long to wait[^\n]*Default 240\./);
  });

  it('reaches the reference page', () => {
    const page = emitCmdletDoc(changed);
    expect(page).to.include('default 240').and.include('30 to 900').and.include('Default 240.');
  });

  it('reaches the request schema the core checks', () => {
    const schema = requestSchemaOf(changed) as { properties: Record<string, unknown>; required?: string[] };
    expect(schema.properties['TimeoutSeconds']).to.deep.equal({ type: 'integer', minimum: 30, maximum: 900 });
    expect(schema.required).to.include('TimeoutSeconds');
    expect(requestSchemaOf(startServiceDefinition)).to.have.nested.property('properties.TimeoutSeconds.maximum', 3600);
  });

  it('reaches the handler: a request without the parameter gets the new default, one outside the new range is refused', async () => {
    // The server answers each script as the real one would, in its shape: the lock, then the start.
    const answers: Record<string, unknown> = {
      'Enter-ServerLock': { acquired: true, lockPath: 'C:\\ProgramData\\AADSyncKey\\server.lock', holder: null },
      'Exit-ServerLock': { released: true },
      'Start-SyncService': { startedNow: true, serviceStatus: 'Running', exitCode: 0, serviceSpecificExitCode: 0, startError: null, keyEventsSinceStart: 0, syncCycle: 'Skipped', runResults: [], connectorsWithoutRun: [] },
    };
    const invoke = sinon.stub().callsFake(async (invocation: { script: string }) => ({ output: [answers[invocation.script]], records: [] }));
    const session: PowerShellSessionLike = { invoke, dispose: sinon.stub().resolves() };
    const records: CoreRecord[] = [];
    const runner = new RequestRunner({ commands: [registerCommand(changed, startService)], sessions: new SessionPool(() => session), send: (r) => records.push(r), ask: async () => true });
    await runner.run({ id: 1, command: 'Start-AADSyncService', parameters: { SkipSyncCycle: true }, credentials: {}, target: { kind: 'local' }, whatIf: false });
    const start = invoke.getCalls().map((call) => call.args[0] as { script: string; arguments?: { TimeoutSeconds?: number } }).find((call) => call.script === 'Start-SyncService');
    expect(start?.arguments?.TimeoutSeconds).to.equal(240);
    await runner.run({ id: 2, command: 'Start-AADSyncService', parameters: { TimeoutSeconds: 1000 }, credentials: {}, target: { kind: 'local' } });
    const refused = records.find((r): r is Extract<CoreRecord, { type: 'error' }> => r.type === 'error' && r.id === 2);
    expect(refused?.error.code).to.equal('InvalidRequest');
    expect(refused?.error.message).to.match(/TimeoutSeconds/);
  });
});
