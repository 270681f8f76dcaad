import { expect } from 'chai';
import { errorCodeOf } from '../../helpers/error-code.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, writeJournal } from '../../../src/recovery/journal-store.js';
import type { RecoveryJournal } from '../../../src/recovery/journal-types.js';
import { buildPlan } from '../../../src/recovery/plan.js';
import { RecoveryLock } from '../../../src/recovery/recovery-lock.js';
import { readRecoveryInput } from '../../../src/recovery/recovery-input.js';

function journal(): RecoveryJournal {
  const input = readRecoveryInput({ parameters: {}, credentials: {} });
  return {
    format: 'AADSyncKey.RecoveryJournal/1', recoveryId: '20261125T010203Z-abcdef',
    server: { computerName: 'AADC01', installLocation: 'C:\\Program Files\\Microsoft Azure AD Sync', id: 'AADC01-0123456789' },
    startedBy: 'admin', startedAt: '2026-11-25T01:02:03.000Z', updatedAt: '2026-11-25T01:02:03.000Z', endedAt: null, status: 'Running',
    initialDiagnosis: { status: 'KeyInaccessible', summary: 'lost' }, forced: false, keyAbandonCount: 0,
    steps: buildPlan(['contoso.com'], input, true), events: [],
  };
}

describe('journal store and recovery lock', () => {
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

  it('refuses a second holder while the first lives, and frees the lock on release', () => {
    const path = join(folder, 'locks', 'server.lock');
    const first = RecoveryLock.acquire(path, () => undefined);
    expect(errorCodeOf(() => RecoveryLock.acquire(path, () => undefined))).to.equal('RecoveryInProgress');
    first.release();
    first.release();
    RecoveryLock.acquire(path, () => undefined).release();
    expect(existsSync(path)).to.equal(false);
  });

  it('takes over a lock whose process is gone, and reports the dead holder', () => {
    const path = join(folder, 'server.lock');
    writeFileSync(path, JSON.stringify({ pid: 2147480001, host: hostname(), user: 'old', since: '2026-01-01T00:00:00Z' }));
    const seen: Array<number | undefined> = [];
    const lock = RecoveryLock.acquire(path, (holder) => seen.push(holder?.pid));
    expect(seen).to.deep.equal([2147480001]);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).to.equal(process.pid);
    lock.release();
  });

  it('treats an unreadable lock file (a crash while it was written) as stale', () => {
    const path = join(folder, 'server.lock');
    writeFileSync(path, '');
    const lock = RecoveryLock.acquire(path, () => undefined);
    lock.release();
  });
});
