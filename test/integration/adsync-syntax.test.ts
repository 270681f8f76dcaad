import { expect } from 'chai';
import { join } from 'node:path';
import { POWERSHELL_ROOT, PACKAGE_ROOT } from '../../src/util/package-root.js';
import { runPwshFileJson, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';
import { createSimServer } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Findings {
  readonly checked: string[];
  readonly simulator: string[];
  readonly scripts: string[];
  readonly calls: number;
}

// The simulator is only worth what it refuses: its ADSync functions must have exactly Microsoft's documented
// syntax, and the module's scripts may call nothing else unless they check the server's own command first.
describe("ADSync calls against Microsoft's documented syntax (real pwsh, PowerShell parser)", function () {
  this.timeout(120_000);
  let root: string;
  const findings: Record<'present' | 'absent', Findings> = {} as Record<'present' | 'absent', Findings>;

  before(async () => {
    root = makeTempDir();
    await createSimServer(join(root, 'server'));
    for (const mode of ['present', 'absent'] as const) {
      findings[mode] = await runPwshFileJson<Findings>(join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'Test-AdsyncSyntax.ps1'), [
        '-SyntaxFile', join(PACKAGE_ROOT, 'test', 'fixtures', 'adsync-syntax.json'),
        '-SimulatorManifest', SIMULATOR_MANIFEST,
        '-ScriptFolder', join(POWERSHELL_ROOT, 'scripts'),
        '-StatePath', join(root, 'server'),
        '-Capability', mode,
      ]);
    }
  });
  after(() => removeTempDir(root));

  for (const mode of ['present', 'absent'] as const) {
    it(`the simulator declares exactly the documented syntax (capability ${mode})`, () => {
      expect(findings[mode].checked).to.include.members(['Add-ADSyncConnector', 'Add-ADSyncADDSConnectorAccount', 'Add-ADSyncAADServiceAccount', 'Start-ADSyncSyncCycle', 'Get-ADSyncRunProfileResult', 'Invoke-ADSyncRunProfile']);
      expect(findings[mode].simulator).to.deep.equal([]);
    });
  }

  it('every ADSync call in the session scripts is documented, or behind a check of the server\'s own command', () => {
    expect(findings.present.calls).to.be.greaterThan(10);
    expect(findings.present.scripts).to.deep.equal([]);
  });
});
