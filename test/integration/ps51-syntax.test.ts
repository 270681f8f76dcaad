import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
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
  'src/powershell/RemoteHub.ps1',
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

/** A .NET API that .NET Framework lacks, or gained after 4.6.2 (test/fixtures/ps51-syntax.json, dotNetGaps: a copy of ../shared/ps51-syntax.json). */
interface DotNetGap {
  type: string;
  member?: string;
  kind: string;
  arity?: number;
  netfx: string;
}

interface DotNetReference {
  file: string;
  type: string;
  member: string | null;
  arity: number | null;
  guarded: boolean;
  line: number;
}

/** The oldest .NET Framework under Windows PowerShell 5.1 on a supported Windows Server: 4.6.2 (Windows Server 2016). */
const OLDEST_NETFX = [4, 6, 2];

function missingFromOldestNetfx(gap: DotNetGap): boolean {
  if (gap.netfx === 'none') return true;
  const since = gap.netfx.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (since[i] ?? 0) - (OLDEST_NETFX[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

// The references (static members, type literals, constructors) that hit a gap: instance members cannot be checked
// before the script runs, and an assembly that must be loaded shows at Add-Type, not here.
function gapsHit(references: readonly DotNetReference[], gaps: readonly DotNetGap[]): string[] {
  const hits: string[] = [];
  for (const ref of references.filter((r) => !r.guarded)) {
    for (const gap of gaps) {
      const sameType = ref.type.toLowerCase() === gap.type.toLowerCase();
      const inNamespace = gap.kind === 'namespace' && ref.type.toLowerCase().startsWith(`${gap.type.toLowerCase()}.`);
      const hit = (gap.kind === 'type' && sameType)
        || inNamespace
        || (gap.kind === 'static' && sameType && ref.member?.toLowerCase() === gap.member?.toLowerCase() && (gap.arity === undefined || ref.arity === gap.arity))
        || (gap.kind === 'ctor' && sameType && ref.member?.toLowerCase() === 'new' && (gap.arity === undefined || ref.arity === gap.arity));
      if (hit) hits.push(`${ref.file}:${ref.line} ${ref.type}${ref.member === null ? '' : `::${ref.member}`} (.NET Framework: ${gap.netfx})`);
    }
  }
  return hits;
}

describe('.NET APIs of emitted and shipped scripts against .NET Framework 4.6.2', function () {
  this.timeout(60_000);
  const gaps = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'ps51-syntax.json'), 'utf8')) as { dotNetGaps: DotNetGap[] }).dotNetGaps.filter(missingFromOldestNetfx);
  const references = (input: { files: readonly string[] } | { text: string }): Promise<DotNetReference[]> => 'files' in input
    ? runPwshFileJson<DotNetReference[]>(testScript('Get-DotNetReferences.ps1'), [], { stdin: input.files.join('\n') })
    : runPwshFileJson<DotNetReference[]>(testScript('Get-DotNetReferences.ps1'), ['-FromText'], { stdin: input.text });

  it('uses no API that .NET Framework 4.6.2 lacks, outside code behind an edition or platform check', async () => {
    expect(gaps.length).to.be.greaterThan(20);
    const found = await references({ files: FILES.map((f) => join(PACKAGE_ROOT, f)) });
    expect(found.length).to.be.greaterThan(50);
    expect(gapsHit(found, gaps)).to.deep.equal([]);
  });

  it('finds such an API when it is there, and lets it be behind a check (the check itself works)', async () => {
    const found = await references({ text: [
      '$a = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture',
      '$b = [IO.Path]::GetRelativePath("a", "b")',
      '$c = [System.IO.Path]::GetFullPath("a")',
      'if ($PSVersionTable.PSEdition -eq "Core") { $d = [System.IO.Path]::Join("a", "b") }',
    ].join('\n') });
    const hits = gapsHit(found, gaps);
    expect(hits.some((h) => h.includes('RuntimeInformation::OSArchitecture'))).to.equal(true);
    expect(hits.some((h) => h.includes('System.IO.Path::GetRelativePath'))).to.equal(true);
    expect(hits.some((h) => h.includes('GetFullPath'))).to.equal(false);
    expect(hits.some((h) => h.includes('Join'))).to.equal(false);
  });
});

describe("cmdlet calls of emitted and shipped scripts against Windows PowerShell 5.1's documented syntax", function () {
  this.timeout(60_000);
  const check = (input: { files: readonly string[] } | { text: string }): Promise<{ checked: number; findings: string[] }> => {
    const syntax = ['-SyntaxFile', join(PACKAGE_ROOT, 'test', 'fixtures', 'ps51-syntax.json')];
    return 'files' in input
      ? runPwshFileJson(testScript('Test-Ps51CmdletSyntax.ps1'), syntax, { stdin: input.files.join('\n') })
      : runPwshFileJson(testScript('Test-Ps51CmdletSyntax.ps1'), [...syntax, '-FromText'], { stdin: input.text });
  };

  it('every call binds to a parameter 5.1 documents, outside code behind an edition or transport check', async () => {
    const report = await check({ files: FILES.map((f) => join(PACKAGE_ROOT, f)) });
    expect(report.checked).to.be.greaterThan(100);
    expect(report.findings).to.deep.equal([]);
  });

  it('finds a 7-only parameter, common parameter or cmdlet, and lets a guarded one be (the check itself works)', async () => {
    const report = await check({ text: [
      'Get-Content -Path x -AsByteStream',
      'Get-Item x -ProgressAction SilentlyContinue',
      'ConvertFrom-Markdown -Path x',
      'if ($PSVersionTable.PSEdition -eq "Core") { Get-Content -Path x -AsByteStream }',
      'Get-Item x -ErrorAction Stop -Verbose',
    ].join('\n') });
    expect(report.findings).to.have.length(3);
    expect(report.findings.join('\n')).to.include('-AsByteStream').and.include('-ProgressAction').and.include('ConvertFrom-Markdown');
  });
});
