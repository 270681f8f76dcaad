import { expect } from 'chai';
import sinon from 'sinon';
import { RequestRunner } from '../../../src/cli/request-runner.js';
import { SessionPool } from '../../../src/cli/session-pool.js';
import { COMMANDS } from '../../../src/commands/registry.js';
import type { CoreRecord } from '../../../src/cli/protocol.js';
import { AADSyncKeyError } from '../../../src/errors/aadsynckey-error.js';
import type { PowerShellSessionLike, ServerTarget, SessionInvocation, SessionResult } from '../../../src/session/session-types.js';

const snapshotOf = (computerName: string) => ({
  computerName, installed: true, installLocation: 'C:\\Program Files\\Microsoft Azure AD Sync', build: '2.4.27.0',
  service: { status: 'Running', startMode: 'Auto', account: 'NT SERVICE\\ADSync', exitCode: 0, serviceSpecificExitCode: 0, processId: 42 },
  lastServiceStart: '2026-11-24T10:00:00.0000000Z', connectors: [], connectorsUnavailableReason: null, aadIdentityType: null,
  stagingMode: false, scheduler: null, events: [], runResults: [],
});

const remote = (name: string): ServerTarget => ({ kind: 'remote', connection: { transport: 'SSH', computerName: name } });

// A fake session per server: each answers with its server's snapshot after `delayMs`, or fails as told; the
// factory counts how many run at once.
function fleet(options: { delayMs?: number; failing?: string[] } = {}) {
  let running = 0;
  let mostAtOnce = 0;
  const order: string[] = [];
  const factory = (target: ServerTarget): PowerShellSessionLike => {
    const name = target.kind === 'remote' ? target.connection.computerName : 'local';
    return {
      invoke: async (_invocation: SessionInvocation): Promise<SessionResult> => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        order.push(name);
        try {
          await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
          if (options.failing?.includes(name)) throw new AADSyncKeyError('RemoteConnectionFailed', `Connecting to ${name} over SSH failed.`, { target: name });
          return { output: [snapshotOf(name.toUpperCase())], records: [{ kind: 'verbose', message: 'Get-Service' }] };
        } finally {
          running -= 1;
        }
      },
      dispose: sinon.stub().resolves(),
    };
  };
  return { factory, mostAtOnce: () => mostAtOnce, order };
}

function runnerOf(factory: (target: ServerTarget) => PowerShellSessionLike) {
  const records: CoreRecord[] = [];
  const runner = new RequestRunner({ commands: COMMANDS, sessions: new SessionPool(factory), send: (r) => records.push(r), ask: async () => true });
  return { runner, records };
}

describe('RequestRunner with several servers', () => {
  it('marks each server\'s output with its name and prefixes its messages with it', async () => {
    const { factory } = fleet();
    const { runner, records } = runnerOf(factory);
    await runner.run({ id: 1, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, targets: [remote('aadc01'), remote('aadc02')] });
    const outputs = records.filter((r): r is Extract<CoreRecord, { type: 'output' }> => r.type === 'output');
    expect(outputs.map((o) => `${o.computerName}=${(o.data as { ComputerName: string }).ComputerName}`).sort()).to.deep.equal(['aadc01=AADC01', 'aadc02=AADC02']);
    const verbose = records.filter((r): r is Extract<CoreRecord, { type: 'verbose' | 'warning' }> => r.type === 'verbose').map((r) => r.message).sort();
    expect(verbose).to.deep.equal(['[aadc01] Get-Service', '[aadc02] Get-Service']);
    expect(records.at(-1)).to.deep.equal({ id: 1, type: 'done' });
  });

  it('turns one server\'s failure into an error record naming it, and the others still answer', async () => {
    const { factory } = fleet({ failing: ['aadc02'] });
    const { runner, records } = runnerOf(factory);
    await runner.run({ id: 2, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, targets: [remote('aadc01'), remote('aadc02'), remote('aadc03')] });
    expect(records.filter((r) => r.type === 'error')).to.deep.equal([]);
    const failures = records.filter((r): r is Extract<CoreRecord, { type: 'nonTerminatingError' }> => r.type === 'nonTerminatingError');
    expect(failures).to.have.length(1);
    expect(failures[0]?.error).to.include({ code: 'RemoteConnectionFailed', target: 'aadc02', category: 'ConnectionError' });
    expect(failures[0]?.error.message).to.match(/^\[aadc02\] Connecting to aadc02/);
    expect(records.filter((r) => r.type === 'output')).to.have.length(2);
  });

  it('reads servers side by side up to the throttle limit', async () => {
    const many = Array.from({ length: 6 }, (_, i) => remote(`aadc0${i}`));
    const wide = fleet({ delayMs: 30 });
    await runnerOf(wide.factory).runner.run({ id: 3, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, targets: many });
    expect(wide.mostAtOnce()).to.equal(6);
    const narrow = fleet({ delayMs: 30 });
    await runnerOf(narrow.factory).runner.run({ id: 4, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, targets: many, throttleLimit: 2 });
    expect(narrow.mostAtOnce()).to.equal(2);
  });

  it('goes through servers one after another for a command that changes them', async () => {
    const { factory, mostAtOnce } = fleet({ delayMs: 20 });
    const { runner } = runnerOf(factory);
    await runner.run({ id: 5, command: 'Remove-AADSyncEncryptionKey', parameters: {}, credentials: {}, targets: [remote('aadc01'), remote('aadc02')], throttleLimit: 8 });
    expect(mostAtOnce()).to.equal(1);
  });

  it('refuses a file path with several servers before any server is reached', async () => {
    const { factory, order } = fleet();
    const { runner, records } = runnerOf(factory);
    await runner.run({ id: 6, command: 'Export-AADSyncServerSurface', parameters: { Path: '/tmp/surface.json' }, credentials: {}, targets: [remote('aadc01'), remote('aadc02')] });
    const error = records.find((r): r is Extract<CoreRecord, { type: 'error' }> => r.type === 'error');
    expect(error?.error.code).to.equal('InvalidRemoteTarget');
    expect(order).to.deep.equal([]);
  });

  it('keeps the terminating error of a single server (no name prefix: the cmdlet is about that server)', async () => {
    const { factory } = fleet({ failing: ['aadc01'] });
    const { runner, records } = runnerOf(factory);
    await runner.run({ id: 7, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, targets: [remote('aadc01')] });
    const error = records.find((r): r is Extract<CoreRecord, { type: 'error' }> => r.type === 'error');
    expect(error?.error.code).to.equal('RemoteConnectionFailed');
    expect(error?.error.message).not.to.match(/^\[/);
  });
});
