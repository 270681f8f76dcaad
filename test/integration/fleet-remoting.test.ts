import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServers } from '../helpers/simulator.js';
import { freePort, startSshFleet, type SshServer } from '../helpers/sshd.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

const FLEET_SIZE = 24;
const THROTTLE_LIMIT = 4;
const THROTTLE_COUNT = 8;

interface FleetResult {
  read: {
    answers: { computer: string; server: string; status: string }[];
    errors: { id: string; category: string; target: string; message: string }[];
    processes: { pid: number; rssKiB: number; commandLine: string }[];
    seconds: number;
  };
  throttle: {
    answered: string[];
    errors: { id: string; message: string }[];
    released: number;
    holds: { computer: string; reachedAt: string; releasedAt: string }[];
    seconds: number;
  };
  timeout: { answered: string[]; errors: { id: string; target: string; message: string }[]; seconds: number; after: string };
}

/** The most holds that were open at once: at each hold's start, those begun before it and not yet released. */
function mostAtOnce(holds: readonly { reachedAt: string; releasedAt: string }[]): number {
  // Timestamps are round-trip ('o') UTC text of one clock, so they order as strings.
  return Math.max(0, ...holds.map((hold) => holds.filter((other) => other.reachedAt <= hold.reachedAt && hold.reachedAt < other.releasedAt).length));
}

// An administrator's fleet: 24 simulated servers, each on a loopback address of its own behind one private sshd,
// read in one call of the module over SSH, with a name that does not answer among them.
describe('a fleet of servers read in one call over SSH (real sshd, real pwsh)', function () {
  this.timeout(600_000);
  let root: string;
  let fleet: SshServer[] = [];
  let result: FleetResult;
  const expected = new Map<string, { server: string; status: string }>();

  before(async () => {
    root = makeTempDir();
    const specs = Array.from({ length: FLEET_SIZE }, (_, index) => ({
      path: join(root, `server-${index + 1}`),
      serverName: `AADC-${String(index + 1).padStart(2, '0')}`,
      // Every third server lost its key: each answer must be its own server's.
      scenario: index % 3 === 2 ? ['KeyLost'] : ['Healthy'],
    }));
    await createSimServers(specs);
    const port = await freePort();
    fleet = await startSshFleet(join(root, 'ssh'), port, specs.map((spec, index) => ({ hostName: `127.0.1.${index + 1}`, statePath: spec.path })), join(root, 'admin_key'));
    specs.forEach((spec, index) => expected.set(`127.0.1.${index + 1}`, { server: spec.serverName, status: spec.scenario[0] === 'KeyLost' ? 'KeyInaccessible' : 'Healthy' }));
    const [first] = fleet as [SshServer];
    const config = join(root, 'fleet.json');
    writeFileSync(config, JSON.stringify({
      dataFolder: join(root, 'data'),
      port,
      keyFilePath: first.keyFilePath,
      knownHostsPath: first.knownHostsPath,
      deadHostName: '127.0.0.9',
      servers: fleet.map((server) => ({ hostName: server.hostName, statePath: server.statePath })),
    }));
    const started = Date.now();
    result = await runPwshFileJson<FleetResult>(testScript('Invoke-FleetCase.ps1'), ['-ConfigPath', config, '-ThrottleLimit', String(THROTTLE_LIMIT), '-ThrottleCount', String(THROTTLE_COUNT)], { timeoutMs: 540_000 });
    // What a fleet read costs here, for whoever reads the test's output (the benchmark measures it properly).
    console.log(`      fleet case: ${Math.round((Date.now() - started) / 1000)} s (read of ${FLEET_SIZE} + 1: ${Math.round(result.read.seconds)} s, throttled read of ${THROTTLE_COUNT}: ${Math.round(result.throttle.seconds)} s)`);
  });

  after(async () => {
    await fleet[0]?.stop();
    removeTempDir(root);
  });

  it('gets an answer from every server, each as itself, and the name that does not answer is its own error', () => {
    const answered = new Map(result.read.answers.map((answer) => [answer.computer, answer]));
    expect(answered.size, JSON.stringify(result.read.errors)).to.equal(FLEET_SIZE);
    for (const [computer, wanted] of expected) {
      expect(answered.get(computer)?.server, computer).to.equal(wanted.server);
      expect(answered.get(computer)?.status, computer).to.equal(wanted.status);
    }
    expect(result.read.errors).to.have.length(1);
    expect(result.read.errors[0]?.id).to.match(/^RemoteConnectionFailed/);
    expect(result.read.errors[0]?.target).to.equal('127.0.0.9');
    expect(result.read.errors[0]?.message).to.match(/^\[127\.0\.0\.9\] /);
  });

  it('holds every server in one PowerShell process on this side: a PSSession (and its ssh) per server, not a process', () => {
    const pwsh = result.read.processes.filter((p) => /\bpwsh\b|pwsh\.dll/.test(p.commandLine));
    const ssh = result.read.processes.filter((p) => /^(\S*\/)?ssh /.test(p.commandLine));
    expect(pwsh.map((p) => p.commandLine), JSON.stringify(result.read.processes.map((p) => p.commandLine))).to.have.length(1);
    expect(ssh).to.have.length(FLEET_SIZE);
  });

  it(`reads no more than -ThrottleLimit ${THROTTLE_LIMIT} servers at once, and that many side by side`, () => {
    expect(result.throttle.errors, JSON.stringify(result.throttle.errors)).to.deep.equal([]);
    expect(result.throttle.answered).to.have.length(THROTTLE_COUNT);
    expect(result.throttle.released).to.equal(THROTTLE_COUNT);
    expect(result.throttle.holds).to.have.length(THROTTLE_COUNT);
    expect(mostAtOnce(result.throttle.holds)).to.equal(THROTTLE_LIMIT);
  });

  it("keeps each server's time limit its own: a server that hangs is stopped at -TimeoutSeconds, the others answer, and it answers the next call", () => {
    const { timeout } = result;
    expect(timeout.answered.sort(), JSON.stringify(timeout.errors)).to.deep.equal(['127.0.1.1', '127.0.1.2']);
    expect(timeout.errors.map((e) => `${e.id.split(',')[0] ?? ''} ${e.target}`)).to.deep.equal(['PowerShellTimeout 127.0.1.3']);
    expect(timeout.errors[0]?.message).to.match(/^\[127\.0\.1\.3\] /);
    expect(timeout.seconds).to.be.within(5, 60);
    expect(timeout.after).to.equal('AADC-03');
  });
});
