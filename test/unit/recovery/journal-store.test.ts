import { expect } from 'chai';
import { errorCodeOf } from '../../helpers/error-code.js';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, writeJournal } from '../../../src/recovery/journal-store.js';
import type { RecoveryJournal } from '../../../src/recovery/journal-types.js';
import { buildPlan } from '../../../src/recovery/plan.js';
import { readRecoveryInput } from '../../../src/recovery/recovery-input.js';

function journal(): RecoveryJournal {
  const input = readRecoveryInput({ parameters: {}, credentials: {} });
  return {
    format: 'AADSyncKey.RecoveryJournal/1', recoveryId: '20261125T010203Z-abcdef',
    server: { computerName: 'AADC01', installLocation: 'C:\\Program Files\\Microsoft Azure AD Sync', id: 'AADC01-0123456789' },
    startedBy: 'admin', startedAt: '2026-11-25T01:02:03.000Z', updatedAt: '2026-11-25T01:02:03.000Z', endedAt: null, status: 'Running',
    initialDiagnosis: { status: 'KeyInaccessible', summary: 'lost' }, forced: false, keyAbandonCount: 0,
    steps: buildPlan(['contoso.com', 'fabrikam.com'], input), events: [],
  };
}

describe('journal store: atomic writes, shape and meaning', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'aadsynckey-unit-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));


  it('writes a journal atomically and reads back the same one', () => {
    const path = join(folder, 'j', 'r.json');
    writeJournal(path, journal());
    expect(readJournal(path)).to.deep.equal(journal());
  });

  it('calls a truncated or schema-breaking file JournalCorrupt, and never writes an invalid journal', () => {
    const path = join(folder, 'r.json');
    writeFileSync(path, '{"format": "AADSyncKey.RecoveryJournal/1", ');
    expect(errorCodeOf(() => readJournal(path))).to.equal('JournalCorrupt');
    writeFileSync(path, JSON.stringify({ ...journal(), keyAbandonCount: -1 }));
    expect(errorCodeOf(() => readJournal(path))).to.equal('JournalCorrupt');
    writeFileSync(path, JSON.stringify({ ...journal(), password: 'x' }));
    expect(errorCodeOf(() => readJournal(path))).to.equal('JournalCorrupt');
    expect(errorCodeOf(() => writeJournal(join(folder, 'bad.json'), { ...journal(), status: 'Whatever' as never }))).to.equal('InternalError');
    expect(existsSync(join(folder, 'bad.json'))).to.equal(false);
  });

  // Hand-edited journals that still match the schema: a resume would trust their steps on the server.
  const edits: ReadonlyArray<readonly [string, (j: RecoveryJournal) => void]> = [
    ['stop and abandon duplicated', (j) => j.steps.splice(2, 0, { ...j.steps[0]! }, { ...j.steps[1]! })],
    ['check-connectors and verify-sync deleted', (j) => { j.steps = j.steps.filter((s) => s.id !== 'check-connectors' && s.id !== 'verify-sync'); }],
    ['verify-sync moved first', (j) => { j.steps.unshift(j.steps.pop()!); }],
    ['a connector step twice', (j) => j.steps.splice(5, 0, { ...j.steps[4]! })],
    ['start-service Done while the abandon is Pending', (j) => { j.steps[0]!.status = 'Done'; j.steps[2]!.status = 'Done'; }],
    ['abandon Done with no abandon counted', (j) => { j.steps[0]!.status = 'Done'; j.steps[1]!.status = 'Done'; }],
    ['Succeeded with steps left', (j) => { j.status = 'Succeeded'; }],
    ['a connector step that names another connector', (j) => { j.steps[4] = { ...j.steps[4]!, connector: 'fabrikam.com' }; }],
  ];
  for (const [name, edit] of edits) {
    it(`calls a journal with ${name} JournalCorrupt`, () => {
      const path = join(folder, 'r.json');
      const edited = journal();
      edit(edited);
      writeFileSync(path, JSON.stringify(edited));
      expect(errorCodeOf(() => readJournal(path))).to.equal('JournalCorrupt');
    });
  }

  it('accepts what a run leaves: a rejected password reopens its connector after later steps were done', () => {
    const path = join(folder, 'r.json');
    const run = journal();
    run.keyAbandonCount = 1;
    run.status = 'Failed';
    for (const step of run.steps) step.status = 'Done';
    run.steps[4]!.status = 'Failed';
    run.steps.at(-1)!.status = 'Failed';
    writeJournal(path, run);
    expect(readJournal(path).steps[4]?.status).to.equal('Failed');
  });

  it('removes temporary files a killed write left behind, and only old ones', () => {
    const path = join(folder, 'r.json');
    const old = join(folder, 'r.json.0123abcd.tmp');
    const fresh = join(folder, 'r.json.4567ef01.tmp');
    writeFileSync(old, '{');
    writeFileSync(fresh, '{');
    const past = new Date(Date.now() - 5 * 60_000);
    utimesSync(old, past, past);
    writeJournal(path, journal());
    expect(existsSync(old)).to.equal(false);
    expect(existsSync(fresh)).to.equal(true);
  });
});

describe('journals of 0.1', () => {
  it('are read with the Azure AD service account step under its one name', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readJournal } = await import('../../../src/recovery/journal-store.js');
    const folder = mkdtempSync(join(tmpdir(), 'journal-'));
    try {
      const current = journal();
      const old = { ...current, steps: current.steps.map((step) => (step.kind === 'AADServiceAccount' ? { ...step, id: 'aad-account', kind: 'AzureADAccount' } : step)) };
      expect(JSON.stringify(old)).to.include('"aad-account"');
      const path = join(folder, 'old.json');
      writeFileSync(path, JSON.stringify(old));
      const read = readJournal(path);
      expect(read.steps.map((step) => step.id)).to.include('aad-service-account').and.not.include('aad-account');
      expect(read.steps.find((step) => step.id === 'aad-service-account')?.kind).to.equal('AADServiceAccount');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
