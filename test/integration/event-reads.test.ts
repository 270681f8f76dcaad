import { expect } from 'chai';
import { caseOutcome, firstOutput, type CaseOutcome } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface DiagnosisOutput { Status: string; RecommendedAction: string }

// In Windows PowerShell 5.1 a named event-data key (param1) in Get-WinEvent -FilterHashtable finds nothing
// (PowerShell/PowerShell#2327, fixed in PowerShell 6); a real server's session is 5.1. The simulator answers as 5.1
// by default, and as 7 when told: the module must read the same under both.
describe('event reads under Windows PowerShell 5.1 and PowerShell 7 semantics (real pwsh)', function () {
  this.timeout(300_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('EventReads.Cases.ps1'), ['-Root', root], { stdin: 'Contoso-Pw-1!\nGlobalAdmin-Pw-4!\n', timeoutMs: 280_000 });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);

  it('the simulator finds nothing for a named-data key as 5.1 does, and finds the events as 7 does when switched', () => {
    expect(firstOutput<{ count: number; errorIds: string[] }>(outcomes, '51.namedKey')).to.deep.equal({ count: 0, errorIds: ['NoMatchingEventsFound'] });
    expect(firstOutput<{ count: number }>(outcomes, '7.namedKey').count).to.be.greaterThan(0);
  });

  it('the simulator runs the XPath queries the module writes, and refuses what it cannot run', () => {
    for (const edition of ['51', '7']) {
      const ids = outcome(`${edition}.xpath`).output as number[];
      expect(ids.length, edition).to.be.greaterThan(1);
      expect(new Set(ids)).to.deep.equal(new Set([7036]));
      expect(outcome(`${edition}.xpathUnsupported`)).to.include({ ok: false, errorId: 'SimulatedXPathUnsupported' });
    }
  });

  for (const edition of ['51', '7']) {
    it(`${edition === '51' ? 'Windows PowerShell 5.1' : 'PowerShell 7'}: a recovered server is healthy, then stopped, then healthy again after a restart; the old 6028s do not count`, () => {
      expect(outcome(`${edition}.recover`), JSON.stringify(outcome(`${edition}.recover`))).to.include({ ok: true });
      expect(firstOutput<{ LastServiceStart: string | null }>(outcomes, `${edition}.afterState`).LastServiceStart).to.be.a('string');
      expect(firstOutput<DiagnosisOutput>(outcomes, `${edition}.after`).Status).to.equal('Healthy');
      expect(firstOutput<DiagnosisOutput>(outcomes, `${edition}.stopped`).Status).to.equal('ServiceStopped');
      expect(firstOutput<DiagnosisOutput>(outcomes, `${edition}.restarted`).Status).to.equal('Healthy');
    });
  }
});
