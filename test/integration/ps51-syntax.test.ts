import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { runPwshJson } from '../helpers/pwsh.js';

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

// The AST nodes and tokens that exist only in PowerShell 7: ternary, pipeline chains (&& ||), null-coalescing
// (?? and ??=), null-conditional member access (?. and ?[]), and 'clean' blocks.
const CHECK = `
$files = @(${FILES.map((f) => quotePowerShellLiteral(join(PACKAGE_ROOT, f))).join(', ')})
$reports = foreach ($file in $files) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  $found = @()
  $found += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] }, $true) | ForEach-Object { 'ternary: ' + $_.Extent.Text })
  $found += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineChainAst] }, $true) | ForEach-Object { 'pipeline chain: ' + $_.Extent.Text })
  $found += @($tokens | Where-Object { $_.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr', 'Clean' } | ForEach-Object { 'token ' + $_.Kind + ': line ' + $_.Extent.StartLineNumber })
  [pscustomobject]@{ file = $file; parseErrors = @($errors | ForEach-Object { $_.Message }); sevenOnly = @($found) }
}
ConvertTo-Json -InputObject @($reports) -Depth 4
`;

describe('PowerShell 5.1 syntax of emitted and shipped scripts', function () {
  this.timeout(60_000);
  let reports: SyntaxReport[];
  before(async () => {
    reports = await runPwshJson<SyntaxReport[]>(CHECK);
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
    const probe = await runPwshJson<{ kinds: string[] }>(`
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseInput('$a = $b ?? 1; $c = $d ? 1 : 2; a && b', [ref]$tokens, [ref]$errors)
[pscustomobject]@{ kinds = @(@($tokens | Where-Object { $_.Kind -in 'QuestionQuestion', 'AndAnd' } | ForEach-Object { [string]$_.Kind }) + @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] }, $true) | ForEach-Object { 'Ternary' })) } | ConvertTo-Json`);
    expect(probe.kinds).to.include.members(['QuestionQuestion', 'AndAnd', 'Ternary']);
  });
});

// The tests' own PowerShell lives in .ps1 files that the PowerShell parser reads without an error.
describe('the tests\' PowerShell scripts', function () {
  this.timeout(60_000);
  const testScripts = readdirSync(join(PACKAGE_ROOT, 'test', 'integration', 'scripts')).filter((name) => name.endsWith('.ps1')).map((name) => join(PACKAGE_ROOT, 'test', 'integration', 'scripts', name));

  it('parse cleanly', async () => {
    expect(testScripts.length).to.be.greaterThan(4);
    const reports = await runPwshJson<Array<{ file: string; errors: string[] }>>(`ConvertTo-Json -Depth 3 -InputObject @(foreach ($file in @(${testScripts.map((f) => quotePowerShellLiteral(f)).join(', ')})) {
  $tokens = $null; $errors = $null
  $null = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  [pscustomobject]@{ file = $file; errors = @($errors | ForEach-Object { $_.Message }) }
})`);
    expect(reports.map((r) => r.file)).to.have.members(testScripts);
    expect(reports.filter((r) => r.errors.length > 0)).to.deep.equal([]);
  });
});
