import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../src/util/package-root.js';
import { isAlive, waitUntil } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';

/** How a child mocha ended: its output, exit status, and the milliseconds from its summary line to its exit. */
interface ChildRun {
  readonly output: string;
  readonly exitCode: number | null;
  readonly msFromSummaryToExit: number | undefined;
}

/** The longest a child may live; a child still running then is ended by its pid and the test fails. */
const CHILD_LIMIT_MS = 90_000;

const FIXTURES = join(PACKAGE_ROOT, 'dist', 'test', 'fixtures', 'leak-guard');

// Runs mocha on one fixture with the suite's own configuration (.mocharc.json: reporter, guard, exit), only the
// spec replaced.
async function runChildMocha(folder: string, fixture: string): Promise<ChildRun> {
  const config = JSON.parse(readFileSync(join(PACKAGE_ROOT, '.mocharc.json'), 'utf8')) as Record<string, unknown>;
  const configPath = join(folder, `${fixture}.mocharc.json`);
  writeFileSync(configPath, JSON.stringify({ ...config, spec: [join(FIXTURES, `${fixture}.fixture.js`)] }));
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', configPath], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let summaryAt: number | undefined;
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (summaryAt === undefined && /^tests: \d+ passed/m.test(output)) summaryAt = Date.now();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const limit = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    return { output, exitCode, msFromSummaryToExit: summaryAt === undefined ? undefined : Date.now() - summaryAt };
  } finally {
    clearTimeout(limit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

// The suite's guard (test/helpers/open-handle-guard.ts), tried on child mocha runs with the suite's configuration.
describe('a run that leaves a handle open ends and names it', function () {
  this.timeout(CHILD_LIMIT_MS + 30_000);
  let folder: string;
  before(() => (folder = makeTempDir()));
  after(() => removeTempDir(folder));

  it('a failing test that leaves a timer: the run exits non-zero within a minute of its summary, naming the timer', async () => {
    const run = await runChildMocha(folder, 'fails-and-leaves-a-timer');
    expect(run.exitCode, run.output).to.be.a('number').and.not.equal(0);
    expect(run.msFromSummaryToExit, run.output).to.be.a('number').and.below(60_000);
    expect(run.output).to.match(/Timeout created at [^\n]*fails-and-leaves-a-timer\.fixture/);
    expect(run.output).to.include('tests: 0 passed, 2 failed');
  });

  it('a passing test that leaves a timer: the leak alone fails the run', async () => {
    const run = await runChildMocha(folder, 'passes-and-leaves-a-timer');
    expect(run.exitCode, run.output).to.equal(1);
    expect(run.output).to.match(/1 handle\(s\) still hold the event loop[^\n]*\n\s+Timeout created at [^\n]*passes-and-leaves-a-timer\.fixture/);
  });

  it('a failing test that leaves a child process: the run names it and ends it by its id', async () => {
    const run = await runChildMocha(folder, 'fails-and-leaves-a-child');
    expect(run.exitCode, run.output).to.be.a('number').and.not.equal(0);
    const pid = Number(/child pid (\d+)/.exec(run.output)?.[1]);
    expect(pid, run.output).to.be.greaterThan(0);
    expect(run.output).to.match(new RegExp(`PROCESSWRAP \\(process ${pid}, ended\\) created at [^\\n]*fails-and-leaves-a-child\\.fixture`));
    expect(await waitUntil(() => !isAlive(pid), 10_000), 'the child is gone').to.equal(true);
  });

  it('a passing test that ends what it started: the run exits 0 and lists nothing', async () => {
    const run = await runChildMocha(folder, 'passes-cleanly');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('tests: 1 passed, 0 failed').and.not.include('still hold the event loop');
  });
});
