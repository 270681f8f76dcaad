import { expect } from 'chai';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// Ctrl+C in the middle of a recovery: a nested PowerShell stopped as the console's Ctrl+C stops a pipeline. The
// administrator must be told what was left and how to continue, and the rerun must continue with one abandon.
describe('a recovery interrupted with Ctrl+C (real pwsh)', function () {
  this.timeout(180_000);
  let root: string;
  let facts: { repeats: number; state: string; warnings: string[]; rerun: string; abandons: number };

  before(async () => {
    root = makeTempDir();
    facts = await runPwshFileJson(testScript('Invoke-InterruptedRecovery.ps1'), ['-Root', root], { stdin: ['Contoso-Pw-1!', 'GlobalAdmin-Pw-2!'].join('\n'), timeoutMs: 170_000 });
  });
  after(() => removeTempDir(root));

  it('keeps saying which step runs while a long step runs', () => {
    expect(facts.repeats).to.be.at.least(2);
  });

  it('says what was left and how to continue, and the rerun continues with one abandon', () => {
    expect(facts.state).to.equal('Stopped');
    expect(facts.warnings.join('\n')).to.include('The recovery was interrupted').and.include('run Invoke-AADSyncKeyRecovery again to continue');
    expect(facts.rerun).to.equal('Succeeded');
    expect(facts.abandons).to.equal(1);
  });
});
