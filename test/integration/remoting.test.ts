import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessSampler } from '../helpers/process-sampler.js';
import { isAlive, waitUntil } from '../helpers/processes.js';
import { runPwshFileJson, startPwshFile, testScript } from '../helpers/pwsh.js';
import { clearSimFaults, setSimFault, simKey } from '../helpers/simulator.js';
import { CANARY_PASSWORD, filesContaining } from '../helpers/secret-scan.js';
import { freePort, startSshServer, type SshServer } from '../helpers/sshd.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

const CASE_SCRIPT = testScript('Invoke-RemoteCase.ps1');

interface ErrorFact { id: string; category: string; target: string; message: string; exceptionType: string; name?: string }

// Real PowerShell remoting over SSH: each simulated server sits behind its own sshd on its own loopback address,
// whose PowerShell subsystem is the project's pwsh. The module and its core run here, as on an admin's machine.
describe('remoting to simulated servers over SSH (real sshd, real pwsh)', function () {
  this.timeout(300_000);
  let root: string;
  const servers: SshServer[] = [];
  let port: number;

  // The canary is in both simulated servers' directories (as the accounts' real passwords).
  async function buildServer(statePath: string, scenario: readonly string[], name: string): Promise<void> {
    await runPwshFileJson(testScript('New-CanaryServer.ps1'), ['-Path', statePath, '-Scenario', scenario.join(','), '-ServerName', name], { stdin: `${CANARY_PASSWORD}\n` });
  }

  function writeConfig(name: string, chosen: readonly SshServer[]): string {
    const knownHostsPath = join(root, `${name}-known_hosts`);
    writeFileSync(knownHostsPath, chosen.map((s) => readFileSync(s.knownHostsPath, 'utf8')).join(''));
    const path = join(root, `${name}.json`);
    writeFileSync(path, JSON.stringify({
      dataFolder: join(root, `data-${name}`),
      knownHostsPath,
      deadHostName: '127.0.0.9',
      statePath: chosen[0]?.statePath,
      servers: chosen.map((s) => ({ hostName: s.hostName, port: s.port, keyFilePath: s.keyFilePath, knownHostsPath: s.knownHostsPath })),
    }));
    return path;
  }

  before(async () => {
    root = makeTempDir();
    port = await freePort();
    // A healthy staging server, and an active one that lost its key.
    await buildServer(join(root, 'healthy'), ['Healthy', 'StagingMode'], 'AADC-STAGING');
    await buildServer(join(root, 'lost'), ['KeyLost'], 'AADC-LOST');
    const adminKey = join(root, 'admin_key');
    servers.push(await startSshServer(join(root, 'ssh-a'), '127.0.0.2', port, join(root, 'healthy'), adminKey));
    servers.push(await startSshServer(join(root, 'ssh-b'), '127.0.0.3', port, join(root, 'lost'), adminKey));
  });

  after(async () => {
    for (const server of servers) await server.stop();
    removeTempDir(root);
  });

  it('diagnoses two servers in one call, through -HostName and through the caller\'s -Session, each marked with its name', async () => {
    const [a, b] = servers as [SshServer, SshServer];
    const result = await runPwshFileJson<{
      diagnoses: { computer: string; status: string; server: string; staging: boolean | null; types: string[] }[];
      keyTests: { computer: string; value: boolean }[];
      states: { computer: string; server: string }[];
      connectors: { computer: string; name: string }[];
      sessionsAfter: string[];
      partial: { answered: string[]; errors: ErrorFact[] };
    }>(CASE_SCRIPT, ['-Case', 'Diagnose', '-ConfigPath', writeConfig('diagnose', servers)], { timeoutMs: 240_000 });
    const byComputer = new Map(result.diagnoses.map((d) => [d.computer, d]));
    expect(byComputer.get(a.hostName)?.status).to.equal('Healthy');
    expect(byComputer.get(a.hostName)?.server).to.equal('AADC-STAGING');
    expect(byComputer.get(b.hostName)?.status).to.equal('KeyInaccessible');
    expect(byComputer.get(b.hostName)?.server).to.equal('AADC-LOST');
    expect(byComputer.get(a.hostName)?.types[0]).to.equal('AADSyncKey.Diagnosis');
    // The diagnosis says which server is the staging one; with its service down, the other's is not known.
    expect(byComputer.get(a.hostName)?.staging).to.equal(true);
    expect(byComputer.get(b.hostName)?.staging).to.equal(null);
    expect(new Map(result.keyTests.map((k) => [k.computer, k.value]))).to.deep.equal(new Map([[a.hostName, true], [b.hostName, false]]));
    expect(result.states.map((s) => `${s.computer}=${s.server}`).sort()).to.deep.equal([`${a.hostName}=AADC-STAGING`, `${b.hostName}=AADC-LOST`]);
    expect(result.connectors.map((c) => c.computer)).to.include(a.hostName);
    expect(result.sessionsAfter).to.deep.equal(['Opened', 'Opened']);
    // The server that does not answer is one error record naming it; the other still answered.
    expect(result.partial.answered).to.deep.equal([a.hostName]);
    expect(result.partial.errors).to.have.length(1);
    expect(result.partial.errors[0]?.id).to.match(/^RemoteConnectionFailed/);
    expect(result.partial.errors[0]?.target).to.equal('127.0.0.9');
    expect(result.partial.errors[0]?.message).to.match(/^\[127\.0\.0\.9\] /);
  });

  it('refuses remoting parameters that do not name servers in one way, before anything runs', async () => {
    const result = await runPwshFileJson<{ refusals: ErrorFact[] }>(CASE_SCRIPT, ['-Case', 'Refusals', '-ConfigPath', writeConfig('refusals', servers)], { timeoutMs: 120_000 });
    const byName = new Map(result.refusals.map((r) => [r.name, r]));
    for (const name of ['ComputerNameAndHostName', 'SshOptionWithWinRM', 'WinRMOptionWithSsh', 'OptionWithoutServer', 'ClosedSession', 'OnePathSeveralServers']) {
      expect(byName.get(name)?.id, name).to.match(/^InvalidRemoteTarget/);
      expect(byName.get(name)?.category, name).to.equal('InvalidArgument');
    }
    expect(existsSync(join(root, 'data-refusals', 'surface.json'))).to.equal(false);
  });

  it('ends a call through a caller\'s PSSession at -TimeoutSeconds when the server hangs, and the PSSession goes on', async () => {
    const staging = servers[0] as SshServer;
    const result = await runPwshFileJson<{ hung: ErrorFact; seconds: number; after: string; sessionState: string }>(CASE_SCRIPT, ['-Case', 'SessionTimeout', '-ConfigPath', writeConfig('timeout', [staging])], { timeoutMs: 180_000 });
    expect(result.hung.id, JSON.stringify(result.hung)).to.match(/^PowerShellTimeout/);
    expect(result.hung.message).to.include(staging.hostName);
    expect(result.seconds).to.be.within(5, 40);
    expect(result.after).to.equal('AADC-STAGING');
    expect(result.sessionState).to.equal('Opened');
  });

  it('recovers a remote server, resumes after the connection is lost mid-step with one abandon, and two cores cannot recover it at once', async () => {
    const lost = servers[1] as SshServer;
    const config = writeConfig('recover', [lost]);
    // miiskmu /a is held on the server until the test clears the fault, so the second core and the cut surely come
    // while the abandon step runs there.
    await setSimFault(lost.statePath, { command: 'miiskmu /a', mode: 'held' });
    const sampler = new ProcessSampler(CANARY_PASSWORD);
    const first = startPwshFile(CASE_SCRIPT, ['-Case', 'Recover', '-ConfigPath', config], { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 240_000 });
    try {
      const abandonRecord = join(lost.statePath, 'ProgramData', 'AADSyncKey', 'abandon.json');
      expect(await waitUntil(() => existsSync(abandonRecord) && readFileSync(abandonRecord, 'utf8').includes('InFlight'), 90_000), 'the abandon started on the server').to.equal(true);

      // A second administrator's core, on the same server meanwhile: the lock lives on the server, so it is refused.
      const second = await runPwshFileJson<{ error?: ErrorFact }>(CASE_SCRIPT, ['-Case', 'Recover', '-ConfigPath', config], { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 120_000 });
      expect(second.error?.id, JSON.stringify(second)).to.match(/^(RecoveryInProgress|ServerChangeInProgress)/);

      // Cut the connection: end the server-side PowerShell of the first core's session.
      const remote = lost.remotePwshPids();
      expect(remote.length).to.be.greaterThan(0);
      for (const pid of remote) process.kill(pid, 'SIGKILL');
      const cut = await first.done;
      const firstResult = JSON.parse(cut.stdout.slice(cut.stdout.indexOf('{'))) as { error?: ErrorFact };
      expect(firstResult.error?.id, cut.stdout).to.match(/^RemoteSessionLost/);
      expect(firstResult.error?.message).to.include(lost.hostName);
      expect(remote.every((pid) => !isAlive(pid))).to.equal(true);

      await clearSimFaults(lost.statePath);
      const rerun = await runPwshFileJson<{ unfinished: number; outcome?: string; resumed?: boolean; error?: ErrorFact; healthy: boolean }>(
        CASE_SCRIPT, ['-Case', 'Rerun', '-ConfigPath', config], { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 240_000 },
      );
      expect(rerun.unfinished, JSON.stringify(rerun)).to.equal(1);
      expect(rerun.error, JSON.stringify(rerun)).to.equal(undefined);
      expect(rerun.outcome).to.equal('Succeeded');
      expect(rerun.resumed).to.equal(true);
      expect(rerun.healthy).to.equal(true);
      const key = await simKey(lost.statePath);
      expect(key.abandonCount).to.equal(1);

      // The canary crossed inside the SSH channel only: no command line or environment on either end, no file.
      const seen = sampler.stop();
      expect(seen.samples).to.be.greaterThan(10);
      expect(seen.hits).to.deep.equal([]);
      expect(filesContaining(root, CANARY_PASSWORD).filter((file) => !file.includes(`${lost.statePath}/`) && !file.includes(join(root, 'healthy')))).to.deep.equal([]);
    } finally {
      // A failed expectation must not leave the first core, its server-side PowerShell or the sampler running.
      sampler.stop();
      for (const pid of [first.pid, ...lost.remotePwshPids()]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      await first.done.catch(() => undefined);
    }
  });

  it('recovers two servers in one call, one after another, with a journal and an abandon each', async () => {
    const pair: SshServer[] = [];
    await buildServer(join(root, 'lost-c'), ['KeyLost'], 'AADC-C');
    await buildServer(join(root, 'lost-d'), ['KeyLost'], 'AADC-D');
    pair.push(await startSshServer(join(root, 'ssh-c'), '127.0.0.4', port, join(root, 'lost-c'), join(root, 'admin_key')));
    pair.push(await startSshServer(join(root, 'ssh-d'), '127.0.0.5', port, join(root, 'lost-d'), join(root, 'admin_key')));
    servers.push(...pair);
    const result = await runPwshFileJson<{ recoveries: { computer: string; outcome: string; server: string }[]; journals: string[]; errors: ErrorFact[]; healthy: { computer: string; value: boolean }[] }>(
      CASE_SCRIPT, ['-Case', 'RecoverSeveral', '-ConfigPath', writeConfig('several', pair)], { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 300_000 },
    );
    expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
    expect(result.recoveries.map((r) => `${r.computer}=${r.server}:${r.outcome}`)).to.deep.equal(['127.0.0.4=AADC-C:Succeeded', '127.0.0.5=AADC-D:Succeeded']);
    expect([...result.journals].sort()).to.deep.equal(['AADC-C', 'AADC-D']);
    expect(result.healthy.every((h) => h.value)).to.equal(true);
    for (const server of pair) {
      const key = await simKey(server.statePath);
      expect(key.abandonCount, server.hostName).to.equal(1);
    }
  });
});
