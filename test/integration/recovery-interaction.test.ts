import { expect } from 'chai';
import { startPwshFile, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// What the administrator sees and answers while a recovery runs: -Confirm asks once per step (answered here on
// standard input, as at a console), and Write-Progress shows one bar that moves a step at a time.
interface StepView {
  Step: string;
  Status: string;
}

interface RunView {
  Outcome: string;
  StoppedAt: string | null;
  KeyAbandonCount: number;
  Steps: StepView[];
}

interface ProgressView {
  activity: string;
  status: string;
  percent: number;
  operation: string | null;
  completed: boolean;
}

interface InteractionFacts {
  prompts: number;
  declined: RunView;
  afterDecline: { service: string; keyState: string; abandonCount: number };
  rerun: RunView;
  afterRerun: { service: string; keyState: string; abandonCount: number; healthy: boolean };
  progress: ProgressView[];
  progressOutcome: string;
}

const SECRETS = ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'GlobalAdmin-Pw-4!'];
// Stop the service: yes. Abandon the key: yes. Start the service: no.
const ANSWERS = ['Y', 'Y', 'N'];

describe('Invoke-AADSyncKeyRecovery at the console: -Confirm per step and progress (real pwsh)', function () {
  this.timeout(240_000);
  let root: string;
  let facts: InteractionFacts;
  let promptText = "";

  before(async () => {
    root = makeTempDir();
    const run = await startPwshFile(testScript('Invoke-RecoveryInteraction.ps1'), ['-Root', root, '-SecretCount', String(SECRETS.length)], { stdin: [...SECRETS, ...ANSWERS, ''].join('\n'), answersPrompts: true, timeoutMs: 220_000 }).done;
    const [, json] = run.stdout.split('--- facts ---');
    if (run.exitCode !== 0 || json === undefined) throw new Error(`pwsh exited ${run.exitCode}\n${run.stdout}\n${run.stderr}`);
    // Every ShouldProcess prompt, the module's own included, would take an answer from standard input.
    const prompts = run.stdout.split('Are you sure you want to perform this action?').length - 1;
    facts = { ...(JSON.parse(json) as Omit<InteractionFacts, 'prompts'>), prompts };
    promptText = run.stdout.split('--- facts ---')[0] ?? '';
  });
  after(() => removeTempDir(root));

  it('-Confirm asks before each step; a "No" stops the recovery there, with the steps before it done', () => {
    expect(facts.prompts).to.equal(ANSWERS.length);
    // Each question names the server, not only "ADSync".
    expect(promptText).to.include('ADSync on AADC01');
    expect(facts.declined.Outcome).to.equal('Stopped');
    expect(facts.declined.StoppedAt).to.equal('start-service');
    const status = Object.fromEntries(facts.declined.Steps.map((s) => [s.Step, s.Status]));
    expect(status).to.include({ 'stop-service': 'Done', 'abandon-key': 'Done', 'start-service': 'Declined', 'verify-sync': 'Pending' });
    // What was answered "yes" happened, and nothing after the "no".
    expect(facts.afterDecline).to.deep.equal({ service: 'Stopped', keyState: 'Abandoned', abandonCount: 1 });
  });

  it('a rerun continues from the declined step, without abandoning the key again', () => {
    expect(facts.rerun.Outcome).to.equal('Succeeded');
    expect(facts.rerun.Steps.every((s) => s.Status === 'Done')).to.equal(true);
    expect(facts.afterRerun).to.include({ service: 'Running', abandonCount: 1, healthy: true });
  });

  it('reports one progress bar that moves a step at a time, names each connector, and completes', () => {
    expect(facts.progressOutcome).to.equal('Succeeded');
    // A running step's record is said again every second (a host may skip a drawing): one entry per step counts.
    const steps = facts.progress.filter((p, i, all) => !p.completed && (i === 0 || JSON.stringify(p) !== JSON.stringify(all[i - 1])));
    expect(new Set(facts.progress.map((p) => p.activity))).to.deep.equal(new Set(['Invoke-AADSyncKeyRecovery']));
    expect(steps.map((p) => p.status.replace(/:.*/, ''))).to.deep.equal(Array.from({ length: 8 }, (_, i) => `Step ${i + 1} of 8`));
    const percents = steps.map((p) => p.percent);
    expect(percents).to.deep.equal([...percents].sort((a, b) => a - b));
    expect(percents[0]).to.equal(0);
    expect(steps.map((p) => p.operation)).to.include.members(["Connector 'contoso.com'", "Connector 'fabrikam.com'"]);
    expect(facts.progress.at(-1)?.completed).to.equal(true);
  });
});
