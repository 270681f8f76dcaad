import { expect } from 'chai';
import { join } from 'node:path';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServers, type SimServerSpec } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Answer {
  Test: boolean;
  Status: string;
  AbandonKeyRunbookApplies: boolean;
  RecommendedAction: string;
  TypeName: string;
  EvidenceIds: Array<number | null>;
  ReadFailures: Array<{ Command: string; Reason: string }>;
}

// Every scenario the simulator builds, with what the diagnosis must say of it.
const TABLE: ReadonlyArray<{ scenario: string[]; forestCount?: number; build?: string; status: string; test: boolean; abandon: boolean; action: RegExp }> = [
  { scenario: ['Healthy'], status: 'Healthy', test: true, abandon: false, action: /None/ },
  { scenario: ['KeyLost'], forestCount: 3, status: 'KeyInaccessible', test: false, abandon: true, action: /abandon the key/ },
  { scenario: ['KeyLost'], build: '1.1.443.0', status: 'KeyInaccessible', test: false, abandon: true, action: /miiskmu/ },
  { scenario: ['LogonFailure'], status: 'ServiceLogonFailure', test: false, abandon: false, action: /Do not abandon the key/ },
  { scenario: ['LogonRightMissing'], status: 'ServiceLogonFailure', test: false, abandon: false, action: /Log on as a service/ },
  { scenario: ['ServiceStopped'], status: 'ServiceStopped', test: false, abandon: false, action: /Start the service/ },
  { scenario: ['ConnectorCredentialInvalid'], forestCount: 2, status: 'ConnectorCredentialInvalid', test: true, abandon: false, action: /AD DS connector account password/ },
  { scenario: ['AzureADCredentialStale'], status: 'AzureADCredentialStale', test: true, abandon: false, action: /Add-ADSyncAADServiceAccount/ },
  { scenario: ['AzureADSignInBlocked'], status: 'AzureADSignInBlocked', test: true, abandon: false, action: /Conditional Access/ },
  { scenario: ['ApplicationIdentity'], build: '2.5.3.0', status: 'Healthy', test: true, abandon: false, action: /None/ },
  { scenario: ['StagingMode'], status: 'Healthy', test: true, abandon: false, action: /None/ },
  { scenario: ['NotInstalled'], status: 'NotInstalled', test: false, abandon: false, action: /Azure AD Connect server/ },
];

describe('Test-AADSyncEncryptionKey on every simulated scenario (real pwsh)', function () {
  this.timeout(480_000);
  let root: string;
  let answers: Answer[];

  before(async () => {
    root = makeTempDir();
    // Every row twice: as written, and on a German server whose logs hold other services' events with the same ids.
    const rows: ReadonlyArray<(typeof TABLE)[number] & SimServerSpec> = [...TABLE, ...TABLE.map((r) => ({ ...r, language: 'de-DE' as const, noise: true }))];
    await createSimServers(rows.map((row, index) => ({ ...row, path: join(root, String(index)) })));
    answers = await runPwshFileJson<Answer[]>(testScript('Get-Diagnoses.ps1'), ['-Root', root], { timeoutMs: 460_000 });
  });
  after(() => removeTempDir(root));

  const noisy = (index: number): number => TABLE.length + index;
  TABLE.forEach((row, index) => {
    it(`${row.scenario.join('+')}${row.build ? ` (build ${row.build})` : ''} -> ${row.status}, also in German among other services' events`, () => {
      for (const answer of [answers[index]!, answers[noisy(index)]!]) {
        expect(answer.TypeName).to.equal('AADSyncKey.Diagnosis');
        expect(answer.Status).to.equal(row.status);
        expect(answer.Test).to.equal(row.test);
        expect(answer.AbandonKeyRunbookApplies).to.equal(row.abandon);
        expect(answer.RecommendedAction).to.match(row.action);
      }
    });
  });

  it("never takes another service's or provider's event for ADSync's", () => {
    const lost = answers[noisy(1)]!;
    expect(lost.EvidenceIds.filter((id) => id === 6028)).to.have.length(1);
    expect(lost.EvidenceIds).not.to.include(7038);
    const healthy = answers[noisy(0)]!;
    expect(healthy.EvidenceIds).to.deep.equal([]);
  });

  it('survives a Get-ADSyncScheduler that throws when the Sync_ account cannot sign in, and says why it read nothing', () => {
    const blocked = answers[TABLE.findIndex((row) => row.scenario[0] === 'AzureADSignInBlocked')]!;
    expect(blocked.Status).to.equal('AzureADSignInBlocked');
    expect(blocked.ReadFailures.map((f) => f.Command)).to.include('Get-ADSyncScheduler');
    expect(blocked.ReadFailures.find((f) => f.Command === 'Get-ADSyncScheduler')?.Reason).to.include('System.InvalidOperationException').and.include('UserInteractive mode');
    expect(answers[0]!.ReadFailures).to.deep.equal([]);
  });

  it('shows 6028 as evidence of key loss, and never for a logon failure', () => {
    expect(answers[1]!.EvidenceIds).to.include(6028);
    expect(answers[3]!.EvidenceIds).not.to.include(6028);
    expect(answers[3]!.EvidenceIds).to.include(7038);
    const rightMissing = TABLE.findIndex((row) => row.scenario[0] === 'LogonRightMissing');
    for (const answer of [answers[rightMissing]!, answers[noisy(rightMissing)]!]) {
      expect(answer.EvidenceIds).to.include(7041).and.include(7000).and.not.include(7038);
    }
  });
});
