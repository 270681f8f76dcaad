import { expect } from 'chai';
import sinon from 'sinon';
import { RequestRunner } from '../../../src/cli/request-runner.js';
import { SessionPool } from '../../../src/cli/session-pool.js';
import { COMMANDS } from '../../../src/commands/registry.js';
import type { CoreRecord } from '../../../src/cli/protocol.js';
import type { PowerShellSessionLike, SessionResult } from '../../../src/session/session-types.js';

const snapshot = {
  computerName: 'AADC01', installed: true, installLocation: 'C:\\Program Files\\Microsoft Azure AD Sync', build: '2.4.27.0',
  service: { status: 'Stopped', startMode: 'Auto', account: 'NT SERVICE\\ADSync', exitCode: 1066, serviceSpecificExitCode: 2149781504, processId: 0 },
  lastServiceStart: '2026-11-24T10:00:00.0000000Z', connectors: null, connectorsUnavailableReason: 'not running', aadIdentityType: null,
  stagingMode: null, scheduler: null,
  events: [{ id: 6028, logName: 'Application', providerName: 'ADSync', level: 'Error', timeCreated: '2026-11-24T10:05:00Z', recordId: 7, message: 'The server encryption key cannot be accessed.' }],
  runResults: [],
};

function fakeSession(result: SessionResult): PowerShellSessionLike & { invoke: sinon.SinonStub } {
  return { invoke: sinon.stub().resolves(result), dispose: sinon.stub().resolves() };
}

function runnerWith(session: PowerShellSessionLike) {
  const records: CoreRecord[] = [];
  const runner = new RequestRunner({ commands: COMMANDS, sessions: new SessionPool(() => session), send: (r) => records.push(r), ask: async () => true });
  return { runner, records };
}

const target = { kind: 'simulator', statePath: '/x' } as const;

describe('RequestRunner', () => {
  it('runs Get-AADSyncServerState and sends verbose, typed output, then done', async () => {
    const session = fakeSession({ output: [snapshot], records: [{ kind: 'verbose', message: 'Get-Service' }] });
    const { runner, records } = runnerWith(session);
    await runner.run({ id: 3, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, target });
    expect(records.map((r) => r.type)).to.deep.equal(['verbose', 'output', 'done']);
    const output = records[1] as Extract<CoreRecord, { type: 'output' }>;
    expect(output.typeName).to.equal('AADSyncKey.ServerState');
    expect(output.data).to.include({ ServiceStatus: 'Stopped', ExitCode: 1066, Build: '2.4.27.0' });
    // The definition's default time limit reaches the session, though the module sent no -TimeoutSeconds.
    expect(session.invoke.calledOnceWith({ script: 'Get-ServerState', timeoutMs: 120_000 })).to.equal(true);
  });

  it('fills a parameter the caller left out with the default its definition declares, and keeps a given one', async () => {
    const session = fakeSession({ output: [snapshot], records: [] });
    const { runner } = runnerWith(session);
    await runner.run({ id: 4, command: 'Get-AADSyncServerState', parameters: { TimeoutSeconds: 7 }, credentials: {}, target });
    expect(session.invoke.calledOnceWith({ script: 'Get-ServerState', timeoutMs: 7000 })).to.equal(true);
  });

  it('with verbose output off, sends no verbose records and asks the session for none', async () => {
    const session = fakeSession({ output: [snapshot], records: [{ kind: 'verbose', message: 'Get-Service' }] });
    const { runner, records } = runnerWith(session);
    await runner.run({ id: 7, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, target, verbose: false });
    expect(records.map((r) => r.type)).to.deep.equal(['output', 'done']);
    expect(session.invoke.calledOnceWith({ script: 'Get-ServerState', timeoutMs: 120_000, verbose: false })).to.equal(true);
  });

  it('refuses parameters the schema does not allow, before touching the session', async () => {
    const session = fakeSession({ output: [snapshot], records: [] });
    const { runner, records } = runnerWith(session);
    await runner.run({ id: 4, command: 'Get-AADSyncServerState', parameters: { Bogus: 1 }, credentials: {}, target });
    expect(records[0]).to.deep.include({ type: 'error' });
    expect((records[0] as Extract<CoreRecord, { type: 'error' }>).error.code).to.equal('InvalidRequest');
    // PowerShell puts the cmdlet's name before the message itself: the message must not say it again.
    expect((records[0] as Extract<CoreRecord, { type: 'error' }>).error.message).not.to.match(/^Get-AADSyncServerState:/);
    expect(records[1]).to.deep.equal({ id: 4, type: 'done' });
    expect(session.invoke.called).to.equal(false);
  });

  it('reports an unknown command as UnknownCommand', async () => {
    const { runner, records } = runnerWith(fakeSession({ output: [], records: [] }));
    await runner.run({ id: 5, command: 'Remove-Everything', parameters: {}, credentials: {}, target });
    expect((records[0] as Extract<CoreRecord, { type: 'error' }>).error.code).to.equal('UnknownCommand');
  });

  it('reports session data that breaks the schema as ProtocolViolation', async () => {
    const { runner, records } = runnerWith(fakeSession({ output: [{ installed: 'yes' }], records: [] }));
    await runner.run({ id: 6, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, target });
    expect((records[0] as Extract<CoreRecord, { type: 'error' }>).error.code).to.equal('ProtocolViolation');
  });

  it('reuses one session for one target and replaces it for another', async () => {
    const made: PowerShellSessionLike[] = [];
    const pool = new SessionPool(() => {
      const session = fakeSession({ output: [], records: [] });
      made.push(session);
      return session;
    });
    const first = await pool.sessionFor(target);
    expect(await pool.sessionFor({ kind: 'simulator', statePath: '/x' })).to.equal(first);
    const second = await pool.sessionFor({ kind: 'local' });
    expect(second).not.to.equal(first);
    expect((first.dispose as sinon.SinonStub).calledOnce).to.equal(true);
    expect(made).to.have.length(2);
  });
});
