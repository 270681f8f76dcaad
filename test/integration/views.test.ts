import { expect } from 'chai';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface ViewFacts {
  /** Type name -> the labels of its view that are no property of a real object of that type. */
  readonly missing: Record<string, string[]>;
  readonly checkedTypes: string[];
  readonly nestedTypes: string[];
  readonly resumedAgree: { result: boolean; listing: boolean };
  readonly journalType: string;
  readonly report: { markdown: string; html: string; again: string };
  readonly audit: Array<{ id: number; message: string }>;
  readonly auditWarnings: string[];
}

// Every column of every default view is a property of the objects it shows (Format-List <label> works), nested
// objects are typed, and the journal listing says what the result said.
describe('views and types of the output (real pwsh)', function () {
  this.timeout(240_000);
  let root: string;
  let facts: ViewFacts;

  before(async () => {
    root = makeTempDir();
    facts = await runPwshFileJson<ViewFacts>(testScript('Get-ViewFacts.ps1'), ['-Root', root], { stdin: ['Contoso-Pw-1!', 'GlobalAdmin-Pw-2!'].join('\n'), timeoutMs: 220_000 });
  });
  after(() => removeTempDir(root));

  it('shows in every view only columns that are properties of the object (Format-List <column> works)', () => {
    expect(facts.journalType).to.equal('AADSyncKey.RecoveryJournal');
    expect(facts.checkedTypes).to.include.members(['AADSyncKey.RecoveryPlan', 'AADSyncKey.RecoveryResult', 'AADSyncKey.RecoveryJournal', 'AADSyncKey.ServerState', 'AADSyncKey.Diagnosis', 'AADSyncKey.Connector', 'AADSyncKey.ServiceVerification', 'AADSyncKey.KeyBackup']);
    for (const [typeName, labels] of Object.entries(facts.missing)) expect(labels, typeName).to.deep.equal([]);
  });

  it('types the nested objects: steps, journal events, server events, preflight checks', () => {
    expect(facts.nestedTypes).to.deep.equal(['AADSyncKey.RecoveryStep', 'AADSyncKey.JournalEvent', 'AADSyncKey.Event', 'AADSyncKey.PreflightCheck']);
  });

  it('renders a journal as a Markdown or HTML report with steps, proofs, times and the operator, and no secret', () => {
    expect(facts.report.markdown).to.match(/^# Key recovery \S+ of AADC01/).and.include('| verify-sync | Done |').and.include('**Started by:**').and.include('## Audit trail');
    expect(facts.report.html).to.include('<table>').and.include('<td>abandon-key</td>').and.include('recovery resumed');
    expect(facts.report.markdown + facts.report.html).not.to.include('Pw-');
    expect(facts.report.again).to.equal('FileExists');
  });

  it('writes an audit event to the Application log for every change: start and end, the abandon, each credential, the Azure AD reset', () => {
    const ids = facts.audit.map((e) => e.id);
    expect(ids.filter((id) => id === 1000)).to.have.length(2);
    expect(ids.filter((id) => id === 1001)).to.have.length(2);
    expect(ids.filter((id) => id === 1010)).to.have.length(1);
    expect(ids).to.include(1020).and.include(1030);
    expect(facts.audit.every((e) => e.message.includes('Operator:'))).to.equal(true);
    expect(JSON.stringify(facts.audit)).not.to.include('Pw-');
  });

  it('says so when the event source cannot be registered, and still does the change', () => {
    expect(facts.auditWarnings.join('\n')).to.include('audit event 1010 was not written').and.include('could not be used');
  });

  it('agrees with the result on whether a recovery was resumed', () => {
    expect(facts.resumedAgree).to.deep.equal({ result: true, listing: true });
  });
});
