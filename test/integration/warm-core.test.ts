import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServer } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { isAlive, waitUntil } from '../helpers/processes.js';

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}



describe('warm core', function () {
  this.timeout(120_000);
  let root: string;
  before(async () => {
    root = makeTempDir();
    await createSimServer(root, { scenario: ['Healthy'] });
  });
  after(() => removeTempDir(root));

  for (const ending of ['SIGINT', 'stdin closed'] as const) {
    it(`ends its PowerShell session when ${ending}`, async () => {
      const core = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'core.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: core.stdout });
      const done = new Promise<void>((resolve) => lines.on('line', (line) => (JSON.parse(line) as { type: string }).type === 'done' && resolve()));
      core.stdin.write(`${JSON.stringify({ id: 1, command: 'Get-AADSyncServerState', parameters: {}, credentials: {}, target: { kind: 'simulator', statePath: root } })}\n`);
      await done;
      const sessionPids = childrenOf(core.pid!);
      expect(sessionPids, 'the core runs one PowerShell session').to.have.length(1);
      const exited = new Promise<number | null>((resolve) => core.on('exit', (code) => resolve(code)));
      if (ending === 'SIGINT') core.kill('SIGINT');
      else core.stdin.end();
      expect(await exited).to.equal(0);
      expect(await waitUntil(() => sessionPids.every((pid) => !isAlive(pid)))).to.equal(true);
    });
  }

  it('is started once per PowerShell session, reused by later calls, and stopped by Remove-Module', async () => {
    const facts = await runPwshFileJson<{ first: number; second: number; afterRemove: boolean }>(testScript('Get-CoreLifetime.ps1'), ['-Server', root, '-Then', 'RemoveModule']);
    expect(facts.first).to.be.a('number');
    expect(facts.second).to.equal(facts.first);
    expect(facts.afterRemove).to.equal(false);
  });

  it('shows with -Verbose when its PowerShell session starts, is ended after a time limit, and restarts', async () => {
    const facts = await runPwshFileJson<{ first: string[]; hung: string[]; errorId: string; after: string[]; quiet: number }>(
      testScript('Show-SessionLifecycle.ps1'), ['-Server', root, '-DataFolder', join(root, 'lifecycle-data')], { timeoutMs: 100_000 },
    );
    expect(facts.first.filter((m) => /^PowerShell session started: process \d+ /.test(m))).to.have.length(1);
    expect(facts.errorId).to.match(/^PowerShellTimeout/);
    expect(facts.hung.some((m) => /^PowerShell session process \d+ was ended: a command did not finish within its time limit/.test(m)), facts.hung.join('\n')).to.equal(true);
    expect(facts.after.filter((m) => /^PowerShell session restarted: process \d+ /.test(m))).to.have.length(1);
    expect(facts.quiet).to.equal(0);
  });

  it('is restarted transparently on the next call after it died', async () => {
    const facts = await runPwshFileJson<{ first: number; second: number; status: string }>(testScript('Get-CoreLifetime.ps1'), ['-Server', root, '-Then', 'KillCore']);
    expect(facts.second).to.be.a('number').and.not.equal(facts.first);
    expect(facts.status).to.equal('Running');
  });
});
