import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';

// Everything Windows PowerShell 5.1 must run: the generated module, its bridge, and the session's scripts.
const FILES = [
  'psmodule/AADSyncKey.psd1',
  'psmodule/AADSyncKey.psm1',
  'psmodule/bridge/CoreBridge.ps1',
  'src/powershell/SessionHost.ps1',
  'src/powershell/RemoteHost.ps1',
  'scripts/demo.ps1',
  ...readdirSync(join(PACKAGE_ROOT, 'src/powershell/scripts')).filter((name) => name.endsWith('.ps1')).map((name) => `src/powershell/scripts/${name}`),
];

interface SyntaxReport {
  file: string;
  parseErrors: string[];
  sevenOnly: string[];
}

/** Parses files (or, with fromText, one script text) with the PowerShell parser: errors and 7-only syntax. */
function checkSyntax(input: { files: readonly string[] } | { text: string }): Promise<SyntaxReport[]> {
  return 'files' in input
    ? runPwshFileJson<SyntaxReport[]>(testScript('Test-ScriptSyntax.ps1'), [], { stdin: input.files.join('\n') })
    : runPwshFileJson<SyntaxReport[]>(testScript('Test-ScriptSyntax.ps1'), ['-FromText'], { stdin: input.text });
}

describe('PowerShell 5.1 syntax of emitted and shipped scripts', function () {
  this.timeout(60_000);
  let reports: SyntaxReport[];
  before(async () => {
    reports = await checkSyntax({ files: FILES.map((f) => join(PACKAGE_ROOT, f)) });
  });

  it('checks every file', () => {
    expect(reports.map((r) => r.file)).to.have.length(FILES.length);
  });

  for (const file of FILES) {
    it(`${file} parses and uses nothing 7-only`, () => {
      const report = reports.find((r) => r.file.endsWith(file));
      expect(report, file).not.to.equal(undefined);
      expect(report?.parseErrors).to.deep.equal([]);
      expect(report?.sevenOnly).to.deep.equal([]);
    });
  }

  it('detects 7-only syntax when it is there (the check itself works)', async () => {
    const [probe] = await checkSyntax({ text: '$a = $b ?? 1; $c = $d ? 1 : 2; a && b' });
    expect(probe?.parseErrors).to.deep.equal([]);
    const kinds = (probe?.sevenOnly ?? []).map((found) => found.replace(/:.*/, ''));
    expect(kinds).to.include.members(['token QuestionQuestion', 'token AndAnd', 'ternary', 'pipeline chain']);
  });
});

// The tests' and the benchmark's own PowerShell lives in .ps1 files that the PowerShell parser reads without an error.
describe('the tests\' PowerShell scripts', function () {
  this.timeout(60_000);
  const testScripts = [join('test', 'integration', 'scripts'), join('test', 'bench', 'scripts')].flatMap((folder) =>
    readdirSync(join(PACKAGE_ROOT, folder)).filter((name) => name.endsWith('.ps1')).map((name) => join(PACKAGE_ROOT, folder, name)),
  );

  it('parse cleanly', async () => {
    expect(testScripts.length).to.be.greaterThan(4);
    const reports = await checkSyntax({ files: testScripts });
    expect(reports.map((r) => r.file)).to.have.members(testScripts);
    expect(reports.filter((r) => r.parseErrors.length > 0)).to.deep.equal([]);
  });
});
