import { expect } from 'chai';
import { caseOutcome, firstOutput, type CaseOutcome, type RecoveryOutput } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface AzureADFacts { identity: string; recreations: number; syncCycleEnabled: boolean; abandons: number }

// Servers of today sign in to Entra with an application identity, and there Add-ADSyncAADServiceAccount is
// Microsoft's rollback to the legacy service account (authenticate-application-id.md): the recovery must never run
// it unasked, and must run it as the documented rollback when asked.
describe('recovery of a server that signs in with an application identity (real pwsh)', function () {
  this.timeout(400_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('ApplicationIdentity.Cases.ps1'), ['-Root', root], { stdin: 'Contoso-Pw-1!\nHybridAdmin-Pw-4!\n', timeoutMs: 380_000 });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const facts = (name: string): AzureADFacts => firstOutput<AzureADFacts>(outcomes, name);
  const result = (name: string): RecoveryOutput => firstOutput<RecoveryOutput>(outcomes, name);

  it('stops with ApplicationCredentialUnusable when the application no longer signs in, its identity untouched and no -AADCredential asked', () => {
    expect(outcome('appLost'), JSON.stringify(outcome('appLost'))).to.include({ ok: false, errorId: 'ApplicationCredentialUnusable', abandonCount: 1 });
    expect(outcome('appLost').message).to.include('Rotate application certificate').and.include('Invoke-ADSyncApplicationCredentialRotation').and.include('-RollbackToServiceAccount');
    expect(facts('appLost.facts')).to.include({ identity: 'Application', recreations: 0 });
  });

  it('-RollbackToServiceAccount asks for the credential it needs, then runs the rollback with one abandon, and warns what it creates', () => {
    expect(outcome('appLost.noCredential')).to.include({ ok: false, errorId: 'AADCredentialMissing', abandonCount: 1 });
    const rollback = outcome('appLost.rollback');
    expect(rollback.ok, JSON.stringify(rollback)).to.equal(true);
    expect(result('appLost.rollback')).to.include({ Outcome: 'Succeeded', Resumed: true, KeyAbandonCount: 1 });
    expect(result('appLost.rollback').Steps.find((s) => s.Step === 'aad-service-account')?.Verified).to.include('Rolled back to the legacy service account').and.include('ServiceAccount');
    expect(rollback.warnings.join('\n')).to.include('Microsoft recommends removing').and.include('2.5.76.0');
    expect(facts('appLost.rollbackFacts')).to.deep.equal({ identity: 'ServiceAccount', recreations: 1, syncCycleEnabled: true, abandons: 1 });
    expect(outcome('appLost.test').output).to.deep.equal([true]);
  });

  it('leaves an application identity that still signs in as it is: no Azure AD step, no legacy account', () => {
    expect(outcome('appKept').ok, JSON.stringify(outcome('appKept'))).to.equal(true);
    expect(result('appKept').Steps.find((s) => s.Step === 'aad-service-account')?.Status).to.equal('Skipped');
    expect(facts('appKept.facts')).to.include({ identity: 'Application', recreations: 0, abandons: 1 });
  });

  it('reinitializes the legacy service account when Get-ADSyncEntraConnectorCredential says so', () => {
    expect(outcome('saReadable').ok, JSON.stringify(outcome('saReadable'))).to.equal(true);
    expect(result('saReadable').Steps.find((s) => s.Step === 'aad-service-account')?.Status).to.equal('Done');
    expect(facts('saReadable.facts')).to.include({ identity: 'ServiceAccount', recreations: 0 });
  });

  it('does not run Add-ADSyncAADServiceAccount blind when the identity cannot be read, and runs it when the administrator asks', () => {
    expect(outcome('saUnreadable'), JSON.stringify(outcome('saUnreadable'))).to.include({ ok: false, errorId: 'AADIdentityUnknown', abandonCount: 1 });
    expect(outcome('saUnreadable').message).to.include('-RollbackToServiceAccount');
    expect(outcome('saUnreadable.rollback').ok, JSON.stringify(outcome('saUnreadable.rollback'))).to.equal(true);
    expect(result('saUnreadable.rollback')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(facts('saUnreadable.rollbackFacts')).to.include({ identity: 'ServiceAccount', recreations: 0, abandons: 1 });
  });
});
