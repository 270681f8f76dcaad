import { expect } from 'chai';
import { join } from 'node:path';
import { COMMAND_DEFINITIONS } from '../../src/commands/registry.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { MODULE_MANIFEST, runPwshFileJson, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface ExampleOutcome {
  readonly command: string;
  readonly example: number;
  readonly code: string;
  readonly ok: boolean;
  readonly error: string | null;
  readonly output: string;
  readonly stateChanged: boolean;
}

// Every example of every cmdlet's help, taken from Get-Help (not from a copy), run against a simulated server set
// up for that cmdlet: a broken example fails here.
describe('every help example runs as written (real pwsh)', function () {
  this.timeout(900_000);
  let root: string;
  let outcomes: ExampleOutcome[];

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<ExampleOutcome[]>(
      join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'Invoke-HelpExamples.ps1'),
      ['-Root', root, '-SimulatorManifest', SIMULATOR_MANIFEST, '-ModuleManifest', MODULE_MANIFEST],
      { stdin: ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'Tailspin-Pw-3!', 'GlobalAdmin-Pw-4!', 'EnterpriseAdmin-Pw-5!'].join('\n'), timeoutMs: 880_000 },
    );
  });
  after(() => removeTempDir(root));

  it('ran every example of every cmdlet, as many as the definitions have', () => {
    const expected = COMMAND_DEFINITIONS.flatMap((d) => d.examples.map((e) => `${d.name}: ${e.code}`)).sort();
    const ran = outcomes.map((o) => `${o.command}: ${o.code.replace(/\r/g, '')}`).sort();
    expect(ran).to.deep.equal(expected);
  });

  it('every example ends without an error', () => {
    const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.command} example ${o.example}: ${o.error ?? ''}\n  ${o.code}`);
    expect(failed, failed.join('\n')).to.deep.equal([]);
  });

  it('the -WhatIf examples change nothing, and the ones that act do act', () => {
    const whatIf = outcomes.filter((o) => /-WhatIf\b/.test(o.code));
    expect(whatIf.length).to.be.greaterThan(2);
    for (const o of whatIf) expect(o.stateChanged, o.code).to.equal(false);
    const acting = outcomes.filter((o) => ['Remove-AADSyncEncryptionKey', 'Start-AADSyncService', 'Invoke-AADSyncKeyRecovery'].includes(o.command) && !/-WhatIf\b/.test(o.code));
    for (const o of acting) expect(o.stateChanged, o.code).to.equal(true);
    const recovery = outcomes.find((o) => o.command === 'Invoke-AADSyncKeyRecovery' && o.example === 1);
    expect(recovery?.output).to.match(/Outcome\s+:\s+Succeeded/);
  });
});
