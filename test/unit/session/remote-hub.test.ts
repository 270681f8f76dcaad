import { expect } from 'chai';
import { HubSession } from '../../../src/session/hub-session.js';
import { RemoteHub } from '../../../src/session/remote-hub.js';
import { ENVELOPE_MARKER } from '../../../src/session/envelope.js';
import type { SessionLifecycleEvent } from '../../../src/session/session-lifecycle.js';
import type { PowerShellSessionLike, RemoteConnection, SessionInvocation, SessionResult } from '../../../src/session/session-types.js';
import { AADSyncKeyError } from '../../../src/errors/aadsynckey-error.js';

interface HubRequest { ticket: number; key: string; computerName: string; request: string; timeoutMs: number; connect?: boolean }

const line = (envelope: object): string => ENVELOPE_MARKER + Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
const okLine = (output: unknown[]): string => line({ ok: true, output, records: [], error: null });
const failureLine = (id: string, message: string): string => line({ ok: false, output: [], records: [], error: { fullyQualifiedErrorId: id, category: 'ConnectionError', message, targetObject: null, exceptionType: 'x' } });
const decode = (request: string): { script: string } => JSON.parse(Buffer.from(request, 'base64').toString('utf8')) as { script: string };

/**
 * The hub's pwsh, faked at its one seam (Invoke-RemoteRound): each round records what it was sent, and answers
 * each request as `answer` says, in the round it is started or in a later one (held requests).
 */
function fakeHubProcess(answer: (request: HubRequest, round: number) => string | 'hold') {
  const rounds: { requests: HubRequest[]; waitMs: number; close: string[] }[] = [];
  const held: HubRequest[] = [];
  const watchers = new Set<(event: SessionLifecycleEvent) => void>();
  let failNext: Error | undefined;
  const session: PowerShellSessionLike = {
    invoke: async (invocation: SessionInvocation): Promise<SessionResult> => {
      await Promise.resolve();
      const args = invocation.arguments as unknown as { Requests: HubRequest[]; WaitMs: number; Close: string[] };
      rounds.push({ requests: args.Requests, waitMs: args.WaitMs, close: args.Close });
      if (failNext !== undefined) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      const output: { ticket: number; line: string }[] = [];
      for (const request of [...held.splice(0), ...args.Requests]) {
        const result = answer(request, rounds.length);
        if (result === 'hold') held.push(request);
        else output.push({ ticket: request.ticket, line: result });
      }
      return { output, records: [] };
    },
    dispose: async () => undefined,
    watch: (listener) => {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
  };
  return {
    session,
    rounds,
    failNextRound: (error: Error) => { failNext = error; },
    end: () => { for (const watcher of watchers) watcher({ kind: 'ended', pid: 1, reason: 'failed' }); },
  };
}

const connection = (name: string): RemoteConnection => ({ transport: 'SSH', computerName: name });

describe('remote hub (fake hub process)', () => {
  it('gives each server its own answer, though the answers come in other rounds and orders than the requests', async () => {
    // b answers at once, a only two rounds later.
    const hub = fakeHubProcess((request, round) => (request.key === 'a' && round < 3 ? 'hold' : okLine([request.key])));
    const remote = new RemoteHub(hub.session);
    const [a, b] = await Promise.all([remote.send('a', 'A', 'ra', 1000), remote.send('b', 'B', 'rb', 1000)]);
    expect(a).to.equal(okLine(['a']));
    expect(b).to.equal(okLine(['b']));
    // Both requests were sent in the first round, side by side; the rounds after it only waited.
    expect(hub.rounds[0]?.requests.map((r) => r.key)).to.deep.equal(['a', 'b']);
    expect(hub.rounds.slice(1).every((round) => round.requests.length === 0)).to.equal(true);
  });

  it('waits a little longer with each round that brings nothing, and briefly again once one does', async () => {
    const hub = fakeHubProcess((request, round) => (round < 5 ? 'hold' : okLine([request.key])));
    const remote = new RemoteHub(hub.session);
    await remote.send('a', 'A', 'ra', 1000);
    expect(hub.rounds.map((round) => round.waitMs)).to.deep.equal([10, 20, 40, 80, 160]);
    await remote.send('a', 'A', 'ra', 1000);
    expect(hub.rounds[5]?.waitMs).to.equal(10);
  });

  it('fails every request in a hub process that fails as RemoteSessionLost naming its server, and counts a new generation when the process ends', async () => {
    const hub = fakeHubProcess(() => 'hold');
    const remote = new RemoteHub(hub.session);
    hub.failNextRound(new AADSyncKeyError('PowerShellTimeout', 'the round ran over'));
    const results = await Promise.allSettled([remote.send('a', 'A', 'ra', 1000), remote.send('b', 'B', 'rb', 1000)]);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as AADSyncKeyError) : undefined));
    expect(reasons.map((r) => r?.code)).to.deep.equal(['RemoteSessionLost', 'RemoteSessionLost']);
    expect(reasons.map((r) => r?.target)).to.deep.equal(['A', 'B']);
    expect(remote.generation).to.equal(0);
    hub.end();
    expect(remote.generation).to.equal(1);
  });
});

describe('hub session (one server on the fake hub)', () => {
  it('connects on its first request, then sends requests without connecting again', async () => {
    const hub = fakeHubProcess((request) => (decode(request.request).script === 'Connect-Target' ? okLine([{ kind: 'simulator' }]) : okLine(['state'])));
    const server = new HubSession(new RemoteHub(hub.session), 'k', connection('aadc01'));
    expect((await server.invoke({ script: 'Get-ServerState' })).output).to.deep.equal(['state']);
    await server.invoke({ script: 'Get-ServerState' });
    const sent = hub.rounds.flatMap((round) => round.requests).map((r) => `${decode(r.request).script}${r.connect === true ? ' (connect)' : ''}`);
    expect(sent).to.deep.equal(['Connect-Target (connect)', 'Get-ServerState', 'Get-ServerState']);
  });

  it('connects again after its session was lost or ran over its limit, and after the hub process ended', async () => {
    let lose = 0;
    const hub = fakeHubProcess((request) => {
      if (decode(request.request).script === 'Connect-Target') return okLine([{ kind: 'simulator' }]);
      lose += 1;
      if (lose === 1) return failureLine('RemoteSessionLost', 'The connection to aadc01 was lost.');
      if (lose === 2) return failureLine('PowerShellTimeout', 'On aadc01, the command did not finish within 1 s.');
      return okLine(['state']);
    });
    const remote = new RemoteHub(hub.session);
    const server = new HubSession(remote, 'k', connection('aadc01'));
    const first = await server.invoke({ script: 'Get-ServerState' }).catch((error: unknown) => error as AADSyncKeyError);
    expect((first as AADSyncKeyError).code).to.equal('RemoteSessionLost');
    const second = await server.invoke({ script: 'Get-ServerState' }).catch((error: unknown) => error as AADSyncKeyError);
    expect((second as AADSyncKeyError).code).to.equal('PowerShellTimeout');
    await server.invoke({ script: 'Get-ServerState' });
    hub.end();
    await server.invoke({ script: 'Get-ServerState' });
    const connects = hub.rounds.flatMap((round) => round.requests).filter((r) => r.connect === true).length;
    // The first request, one after each of the two failures, and one after the hub's process ended.
    expect(connects).to.equal(4);
  });

  it('reports a far end that cannot load its commands as RemoteConnectionFailed, naming the server', async () => {
    const hub = fakeHubProcess(() => failureLine('ModuleNotFound', 'The ADSync module did not load.'));
    const server = new HubSession(new RemoteHub(hub.session), 'k', connection('aadc01'));
    const error = await server.invoke({ script: 'Get-ServerState' }).then(() => undefined, (e: unknown) => e as AADSyncKeyError);
    expect(error?.code).to.equal('RemoteConnectionFailed');
    expect(error?.message).to.match(/^\[aadc01\] .*did not load/);
    expect(error?.target).to.equal('aadc01');
  });

  it('closes its PSSession in the hub when disposed, once it has one', async () => {
    const hub = fakeHubProcess(() => okLine([{ kind: 'simulator' }]));
    const remote = new RemoteHub(hub.session);
    const server = new HubSession(remote, 'k', connection('aadc01'));
    await server.invoke({ script: 'Get-ServerState' });
    await server.dispose();
    await remote.send('other', 'OTHER', 'r', 1000);
    expect(hub.rounds.flatMap((round) => round.close)).to.deep.equal(['k']);
  });
});
