import { expect } from 'chai';
import { caseOutcome, firstOutput, type CaseOutcome } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface ReadOutcome { output: { Status?: string; ComputerName?: string }[]; errorIds: string[]; messages: string[]; targets: string[] }

// %ProgramData%\AADSyncKey holds the lock and the records a recovery trusts, and C:\ProgramData lets every user
// create folders there. A folder or file another user owns or may write, or a record that is not the module's, is
// refused before anything changes; read-only cmdlets report it and go on. Off Windows the owner and the mode stand in
// for the ACL (the planting user is uid 65534); the Windows ACL rule runs on objects of FileSystemAccessRule's shape.
describe('the server folder is trusted only if administrators made it (real pwsh)', function () {
  this.timeout(600_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('ServerFolderTrust.Cases.ps1'), ['-Root', root], { stdin: 'Contoso-Pw-1!\nGlobalAdmin-Pw-4!\n', timeoutMs: 580_000 });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const expectations: Record<string, { errorId: string; says: RegExp }> = {
    plantedByOther: { errorId: 'ServerFolderUntrusted', says: /owned by \S+ \(uid 65534\)/ },
    groupWritable: { errorId: 'ServerFolderUntrusted', says: /mode 770 lets its group or others write it/ },
    foreignLock: { errorId: 'ServerFolderUntrusted', says: /server\.lock' cannot be relied on because it is owned by \S+ \(uid 65534\)/ },
    writableRecord: { errorId: 'ServerFolderUntrusted', says: /abandon\.json' cannot be relied on because its mode 666/ },
    notJson: { errorId: 'ServerRecordCorrupt', says: /abandon\.json' is corrupt: it is not JSON/ },
    wrongShape: { errorId: 'ServerRecordCorrupt', says: /abandon\.json' is corrupt: 'state' is not a string/ },
    badReentered: { errorId: 'ServerRecordCorrupt', says: /reentered\.json' is corrupt: it is not a JSON object/ },
  };

  for (const [name, expected] of Object.entries(expectations)) {
    it(`${name}: the recovery and Remove-AADSyncEncryptionKey are refused with ${expected.errorId}, before any change`, () => {
      for (const command of ['recover', 'abandon']) {
        const result = outcome(`${name}.${command}`);
        const detail = JSON.stringify(result);
        expect(result, detail).to.include({ ok: false, errorId: expected.errorId, stateChanged: false, abandonCount: 0, serviceStatus: 'Stopped' });
        expect(result.message, detail).to.match(expected.says);
        // It says how to clear it, and that nothing changed.
        expect(result.message).to.match(/nothing was changed/i).and.to.match(/remove it/);
      }
    });

    it(`${name}: Test-AADSyncEncryptionKey and Get-AADSyncServerState write one ${expected.errorId} error and still answer`, () => {
      for (const command of ['read', 'state']) {
        const result = outcome(`${name}.${command}`);
        expect(result.ok, JSON.stringify(result)).to.equal(true);
        const read = firstOutput<ReadOutcome>(outcomes, `${name}.${command}`);
        expect(read.errorIds).to.deep.equal([expected.errorId]);
        expect(read.messages[0]).to.match(expected.says);
        expect(read.targets[0]).to.contain('AADSyncKey');
        expect(read.output).to.have.length(1);
      }
      // The planted records were not believed: the key is still reported lost, not half-recovered.
      expect(firstOutput<ReadOutcome>(outcomes, `${name}.read`).output[0]?.Status).to.equal('KeyInaccessible');
    });
  }

  it('an abandon record without endedAt is read, not an internal error', () => {
    expect(outcome('noEndedAt.recover'), JSON.stringify(outcome('noEndedAt.recover'))).to.include({ ok: true, abandonCount: 1 });
  });

  it('the folder the module makes is owned by its user with mode 700, and its files 600', () => {
    expect(outcome('made.recover').ok).to.equal(true);
    const items = outcome('made.modes').output as { name: string; user: string; mode: string }[];
    expect(items.map((i) => i.name)).to.include.members(['AADSyncKey', 'abandon.json', 'server.lock']);
    for (const item of items) expect(item, JSON.stringify(item)).to.deep.include({ user: 'root', mode: item.name === 'AADSyncKey' ? '700' : '600' });
  });

  it("the Windows ACL rule: only SYSTEM, Administrators or the session's own administrator owns it, and nobody else may change it (well-known SIDs)", () => {
    const acl = firstOutput<Record<string, string | null>>(outcomes, 'acl');
    expect(acl).to.include({ moduleMade: null, ownedBySystem: null, usersReadOnly: null, usersWriteDenied: null, ownedBySessionUser: null });
    expect(acl['ownedByUser']).to.match(/owned by S-1-5-21-1-2-3-1104, not by Administrators or SYSTEM/);
    expect(acl['programDataInherited']).to.match(/Users \(S-1-5-32-545\)/);
    expect(acl['everyoneModify']).to.match(/Everyone \(S-1-1-0\)/);
    expect(acl['authUsersWrite']).to.match(/Authenticated Users \(S-1-5-11\)/);
    expect(acl['creatorOwnerAll']).to.match(/CREATOR OWNER \(S-1-3-0\)/);
    expect(acl['otherAccountDelete']).to.match(/S-1-5-21-1-2-3-1104/);
  });
});
