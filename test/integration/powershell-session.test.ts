import { expect } from 'chai';
import { join } from 'node:path';
import { PowerShellSession } from '../../src/session/powershell-session.js';
import { describeLifecycle, SessionFailure } from '../../src/session/session-lifecycle.js';
import { AADSyncKeyError, PowerShellCommandError } from '../../src/errors/aadsynckey-error.js';
import { readServerSnapshot } from '../../src/adsync/server-snapshot.js';
import { clearSimFaults, createSimServer, setSimFault } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { isAlive, waitUntil } from '../helpers/processes.js';
import { listProcesses } from '../helpers/process-tree.js';

describe('PowerShellSession (real pwsh)', function () {
  this.timeout(120_000);
  // Quotes, $, backticks, a newline-free but hostile folder name, and Unicode: all must arrive as data.
  const hostileForests = ["o'brien.com", '$(Write-Output PWNED).net', 'back`tick".org', 'ünïcödé-森林.jp', "semi;colon'; Remove-Item x.org"];
  let root: string;
  let statePath: string;

  before(async () => {
    root = makeTempDir("aadsynckey-it's $(x) `q-");
    statePath = join(root, "state 'folder' $HOME");
    await createSimServer(statePath, { forestNames: hostileForests });
  });
  after(() => removeTempDir(root));

  it('passes hostile folder and connector names through as data, unchanged', async () => {
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    try {
      const snapshot = await readServerSnapshot(session, { verbose: () => undefined, warning: () => undefined });
      expect(snapshot.installLocation).to.equal(join(statePath, 'Program Files/Microsoft Azure AD Sync'));
      const forests = (snapshot.connectors ?? []).filter((c) => c.type === 'AD').map((c) => c.name);
      expect(forests).to.deep.equal(hostileForests);
    } finally {
      await session.dispose();
    }
  });

  it('runs many commands in one pwsh process', async () => {
    const pids: number[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    session.watch((event) => { if (event.kind === 'started') pids.push(event.pid); });
    try {
      for (let i = 0; i < 5; i++) await session.invoke({ script: 'Get-ServerState' });
      expect(pids).to.have.length(1);
    } finally {
      await session.dispose();
    }
  });

  it("raises a typed error carrying PowerShell's FullyQualifiedErrorId, category, message and target", async () => {
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    try {
      const error = await session.invoke({ script: 'Test-SecretChannel' }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(PowerShellCommandError);
      const failure = error as PowerShellCommandError;
      expect(failure.fullyQualifiedErrorId).to.match(/MissingMandatoryParameter|ParameterArgumentValidationError|Credential/);
      expect(failure.code).to.equal('PowerShellCommandFailed');
      expect(failure.message).to.match(/Credential/);
    } finally {
      await session.dispose();
    }
  });

  it('ends a hung command at its time limit, kills that pwsh, and starts a new one for the next command', async () => {
    const pids: number[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    session.watch((event) => { if (event.kind === 'started') pids.push(event.pid); });
    try {
      await session.invoke({ script: 'Get-ServerState' });
      await setSimFault(statePath, { command: 'Get-CimInstance', mode: 'hang' });
      const started = Date.now();
      const error = await session.invoke({ script: 'Get-ServerState', timeoutMs: 1500 }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(AADSyncKeyError).with.property('code', 'PowerShellTimeout');
      expect(Date.now() - started).to.be.lessThan(10_000);
      expect(await waitUntil(() => !isAlive(pids[0]!))).to.equal(true);
      await clearSimFaults(statePath);
      const result = await session.invoke({ script: 'Get-ServerState' });
      expect(result.output).to.have.length(1);
      expect(pids).to.have.length(2);
    } finally {
      await session.dispose();
    }
  });

  it('says what it does to its process: started with its pid, ended after a time limit and why, restarted; the error carries the script and the limit', async () => {
    const events: string[] = [];
    const told: string[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    session.watch((event) => {
      events.push(`${event.kind}:${event.kind === 'ended' ? event.reason : event.restart}`);
      told.push(describeLifecycle(event));
    });
    try {
      await session.invoke({ script: 'Get-ServerState' });
      await setSimFault(statePath, { command: 'Get-CimInstance', mode: 'hang' });
      const error = await session.invoke({ script: 'Get-ServerState', timeoutMs: 1500 }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(SessionFailure);
      expect(error).to.include({ code: 'PowerShellTimeout', script: 'Get-ServerState', timeoutMs: 1500 });
      expect((error as SessionFailure).pid).to.be.a('number');
      await clearSimFaults(statePath);
      await session.invoke({ script: 'Get-ServerState' });
    } finally {
      await session.dispose();
    }
    expect(events).to.deep.equal(['started:false', 'ended:timeout', 'started:true', 'ended:disposed']);
    expect(told[0]).to.match(/^PowerShell session started: process \d+ /);
    expect(told[1]).to.match(/^PowerShell session process \d+ was ended: a command did not finish within its time limit of 1500 ms\./);
    expect(told[2]).to.match(/^PowerShell session restarted: process \d+ /);
  });

  it('recovers when its pwsh is killed between commands', async () => {
    const pids: number[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    session.watch((event) => { if (event.kind === 'started') pids.push(event.pid); });
    try {
      await session.invoke({ script: 'Get-ServerState' });
      process.kill(pids[0]!, 'SIGKILL');
      await waitUntil(() => !isAlive(pids[0]!));
      const first = await session.invoke({ script: 'Get-ServerState' }).then(() => 'ok', (e: unknown) => e);
      if (first !== 'ok') expect(first).to.be.instanceOf(AADSyncKeyError).with.property('code', 'PowerShellSessionLost');
      const again = await session.invoke({ script: 'Get-ServerState' });
      expect(again.output).to.have.length(1);
    } finally {
      await session.dispose();
    }
  });

  it('dispose() ends the pwsh process, also after a failure, and is safe to repeat', async () => {
    const pids: number[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    session.watch((event) => { if (event.kind === 'started') pids.push(event.pid); });
    await session.invoke({ script: 'Test-SecretChannel' }).catch(() => undefined);
    expect(isAlive(pids[0]!)).to.equal(true);
    await session.dispose();
    await session.dispose();
    expect(await waitUntil(() => !isAlive(pids[0]!))).to.equal(true);
    const after = await session.invoke({ script: 'Get-ServerState' }).then(() => undefined, (e: unknown) => e);
    expect(after).to.be.instanceOf(AADSyncKeyError).with.property('code', 'PowerShellSessionLost');
  });

  it('reports a missing pwsh as PowerShellUnavailable', async () => {
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath }, pwshPath: join(root, 'no-such-pwsh') });
    const error = await session.invoke({ script: 'Get-ServerState' }).then(() => undefined, (e: unknown) => e);
    await session.dispose();
    expect(error).to.be.instanceOf(AADSyncKeyError).with.property('code', 'PowerShellUnavailable');
  });

  it('ends what a timed-out command started too: no miiskmu is left running on the server', async () => {
    await setSimFault(statePath, { command: 'miiskmu /e', mode: 'hang' });
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    const miiskmuOfThisServer = (): number[] => listProcesses().filter((p) => p.cmdline.includes('miiskmu-entry.ps1') && p.cmdline.includes(statePath)).map((p) => p.pid);
    try {
      // The script's own limit is far away; the session's comes first and must take the child with it.
      const error = await session.invoke({ script: 'Backup-EncryptionKey', arguments: { Path: join(root, 'key.bin'), TimeoutSeconds: 600 }, timeoutMs: 6000 }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(AADSyncKeyError);
      expect((error as AADSyncKeyError).code).to.equal('PowerShellTimeout');
      expect(await waitUntil(() => miiskmuOfThisServer().length === 0, 5000), `left running: ${miiskmuOfThisServer().join(', ')}`).to.equal(true);
    } finally {
      await session.dispose();
      await clearSimFaults(statePath);
    }
  });

  it('answers a few hundred commands after the session has run a child process (terminal escapes do not hide the end of a command)', async () => {
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath } });
    try {
      // Backup runs miiskmu.exe as a child: after one, .NET may write terminal mode escapes around output.
      await session.invoke({ script: 'Backup-EncryptionKey', arguments: { Path: join(root, 'escape-test.bin'), TimeoutSeconds: 60 } });
      let answered = 0;
      for (let call = 0; call < 300; call += 1) {
        await session.invoke({ script: 'Exit-ServerLock', timeoutMs: 15_000 });
        answered += 1;
      }
      expect(answered).to.equal(300);
    } finally {
      await session.dispose();
    }
  });
});
