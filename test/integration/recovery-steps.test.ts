import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { caseOutcome, firstOutput, type CaseOutcome } from '../helpers/ps-cases.js';
import { runPwshFileJson } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// Every per-step cmdlet in real pwsh against simulated servers: the healthy, key-lost, logon-failure,
// several-forest, stale-AAD-password and application-identity cases, with every refusal.
describe('per-step cmdlets (real pwsh)', function () {
  this.timeout(300_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;
  const server = (name: string): string => join(root, name);

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'Invoke-StepCmdletCases.ps1'), ['-Root', root], {
      stdin: ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'Tailspin-Pw-3!', 'GlobalAdmin-Pw-4!', 'EnterpriseAdmin-Pw-5!'].join('\n'),
      timeoutMs: 280_000,
    });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const output = <T>(name: string): T => firstOutput<T>(outcomes, name);
  const refusedWithoutChange = (name: string, errorId: string, category: string): void => {
    expect(outcome(name), name).to.include({ ok: false, errorId, category, stateChanged: false });
  };

  describe('Remove-AADSyncEncryptionKey', () => {
    it('abandons a lost key: the service is stopped, miiskmu /a runs once (no undocumented /c), credentials unreadable', () => {
      const removed = outcome('remove.keyLost');
      expect(removed).to.include({ ok: true, keyState: 'Abandoned', serviceStatus: 'Stopped', abandonCount: 1 });
      expect(output<{ KeyAbandoned: boolean; CredentialsReadable: boolean }>('remove.keyLost')).to.include({ KeyAbandoned: true, CredentialsReadable: false });
      expect(removed.verbose.join('\n')).to.match(/miiskmu\.exe' \/a/).and.not.match(/miiskmu\.exe' \/c/);
    });

    it('changes nothing with -WhatIf', () => {
      expect(outcome('remove.whatIf')).to.include({ ok: true, stateChanged: false, keyState: 'Unreadable' });
    });

    it('refuses a healthy key without -Force, and never abandons the key for a logon failure', () => {
      refusedWithoutChange('remove.healthy', 'KeyNotLost', 'InvalidOperation');
      refusedWithoutChange('remove.logon', 'KeyNotLost', 'InvalidOperation');
      expect(outcome('remove.logon').message).to.include('ServiceLogonFailure');
      expect(outcome('remove.logon').keyState).to.equal('Healthy');
    });

    it('with -Force stops a running service first and names the connectors that need their passwords again', () => {
      expect(outcome('remove.forced')).to.include({ ok: true, keyState: 'Abandoned', serviceStatus: 'Stopped' });
      expect(output<{ ServiceStoppedNow: boolean; ConnectorsToReenter: string[] }>('remove.forced')).to.deep.include({
        ServiceStoppedNow: true,
        ConnectorsToReenter: ['contoso.com', 'fabrikam.com', 'tailspin.com'],
      });
    });
  });

  describe('Remove-AADSyncEncryptionKey while a sync cycle runs', () => {
    it('waits for the cycle to end before it stops the service, as Microsoft\'s step 1 says', () => {
      const removed = outcome('remove.cycling');
      expect(removed.ok, JSON.stringify(removed)).to.equal(true);
      const facts = (removed.output as Array<{ cycleEndedAt?: string; stoppedAt?: string; status?: string }>).find((o) => o.stoppedAt !== undefined);
      expect(facts?.status).to.equal('Stopped');
      expect(Date.parse(facts?.stoppedAt ?? '')).to.be.at.least(Date.parse(facts?.cycleEndedAt ?? 'x'));
    });

    it('changes nothing when the cycle is still running at the time limit, and says why', () => {
      expect(outcome('remove.cyclingLong')).to.include({ ok: false, errorId: 'ServiceStopFailed', serviceStatus: 'Running', keyState: 'Healthy', abandonCount: 0 });
      expect(outcome('remove.cyclingLong').message).to.include('sync cycle was still running');
    });
  });

  describe('Set-AADSyncConnectorCredential', () => {
    it('needs the running service and says so', () => {
      refusedWithoutChange('set.beforeStart', 'SyncServiceNotRunning', 'ResourceUnavailable');
      refusedWithoutChange('set.stopped', 'SyncServiceNotRunning', 'ResourceUnavailable');
      expect(outcome('set.stopped').message).to.include('Start-AADSyncService');
    });

    it('refuses unknown names with the ADSync text, Azure AD connectors, and empty passwords, changing nothing', () => {
      refusedWithoutChange('set.unknown', 'ConnectorNotFound', 'ObjectNotFound');
      expect(outcome('set.unknown').message).to.include('Operation failed because the specified MA could not be found.'.slice(0, -1));
      refusedWithoutChange('set.notAD', 'ConnectorNotAD', 'InvalidArgument');
      refusedWithoutChange('set.empty', 'EmptyPassword', 'InvalidArgument');
      expect(outcome('set.whatIf')).to.include({ ok: true, stateChanged: false });
    });

    it('refuses a wrong Enterprise Admin with a distinct error', () => {
      refusedWithoutChange('set.wrongEA', 'EnterpriseAdminCredentialInvalid', 'AuthenticationError');
    });

    it('sets several connectors from one pipeline, each with its own credential, and shows the commands but not the passwords', () => {
      const set = outcome('set.pipeline');
      expect(set.ok, set.message).to.equal(true);
      expect((set.output as Array<{ ConnectorName: string; Mode: string; Account: string }>).map((r) => [r.ConnectorName, r.Mode, r.Account])).to.deep.equal([
        ['contoso.com', 'Known', 'CONTOSO\\MSOL_contoso'],
        ['fabrikam.com', 'Known', 'FABRIKAM\\MSOL_fabrikam'],
      ]);
      expect(set.verbose.join('\n')).to.include('Add-ADSyncConnector').and.not.include('Contoso-Pw-1!');
      expect(outcome('set.reset')).to.include({ ok: true });
      expect(output<{ Mode: string }>('set.reset').Mode).to.equal('Reset');
    });
  });

  describe('Reset-AADSyncAADServiceAccount and the verified end of the runbook', () => {
    it('changes nothing with -WhatIf, then resets the account, and the delta cycle succeeds on every connector', () => {
      expect(outcome('aad.whatIf')).to.include({ ok: true, stateChanged: false });
      expect(outcome('aad.reset')).to.include({ ok: true, stateChanged: true });
      expect(outcome('aad.reset').verbose.join('\n')).to.include('Add-ADSyncAADServiceAccount -AADCredential <credential of admin@contoso.onmicrosoft.com>');
      const verified = output<{ Succeeded: boolean; ConnectorResults: Array<{ Result: string }> }>('start.verify');
      expect(verified.Succeeded).to.equal(true);
      expect(verified.ConnectorResults.map((r) => r.Result)).to.deep.equal(['Ran', 'Ran', 'Ran', 'Ran']);
      expect(outcome('test.after').output).to.deep.equal([true]);
      expect(outcome('test.after').keyGeneration).to.equal(2);
    });

    it('fixes a stale Azure AD password', () => {
      expect(outcome('aad.stale')).to.include({ ok: true });
      expect((outcome('aad.staleVerified').output as Array<{ Status?: string }>).at(-1)?.Status).to.equal('Healthy');
    });

    it('refuses an application identity and explains, changing nothing', () => {
      refusedWithoutChange('aad.appId', 'ApplicationIdentityInUse', 'InvalidOperation');
      expect(outcome('aad.appId').message).to.include('application (certificate) identity');
    });

    it('gives MFA and a wrong password distinct ErrorIds', () => {
      refusedWithoutChange('aad.mfa', 'AzureADMfaRequired', 'AuthenticationError');
      expect(outcome('aad.mfa').message).to.include('AADSTS50076').and.not.include('Reset-AADServiceAccount');
      refusedWithoutChange('aad.wrong', 'AzureADSignInFailed', 'AuthenticationError');
      expect(outcome('aad.wrong').message).to.include('AADSTS50126');
      refusedWithoutChange('aad.empty', 'EmptyPassword', 'InvalidArgument');
    });
  });

  describe('Backup-AADSyncEncryptionKey', () => {
    it('exports a readable key to a path relative to the current location, with the password at the prompt', () => {
      const backup = outcome('backup.healthy');
      expect(backup.ok, backup.message).to.equal(true);
      expect(existsSync(join(server('healthy'), 'keyset.bin'))).to.equal(true);
      expect(backup.verbose.join('\n')).to.include('/u:CONTOSO\\MSOL_contoso *').and.not.include('Contoso-Pw-1!');
    });

    it('refuses an existing file, -WhatIf writes nothing, and an unreadable key is KeyUnreadable', () => {
      expect(outcome('backup.exists')).to.include({ ok: false, errorId: 'FileExists', category: 'ResourceExists' });
      expect(outcome('backup.whatIf')).to.include({ ok: true });
      expect(existsSync(join(server('healthy'), 'whatif.bin'))).to.equal(false);
      refusedWithoutChange('backup.keyLost', 'KeyUnreadable', 'InvalidOperation');
      expect(existsSync(join(server('backupLost'), 'keyset.bin'))).to.equal(false);
    });

    it('ends a miiskmu that does not answer at -TimeoutSeconds, says how to back up by hand, and the session goes on', () => {
      const hung = outcome('backup.hangs') as CaseOutcome & { seconds: number };
      expect(hung).to.include({ ok: false, errorId: 'KeyBackupFailed' });
      expect(hung.message).to.include('did not finish within 5 s').and.include('/u:CONTOSO\\MSOL_contoso *').and.not.include('Contoso-Pw-1!');
      expect(hung.seconds).to.be.within(5, 30);
      expect(existsSync(join(server('backupHangs'), 'keyset.bin'))).to.equal(false);
      expect(outcome('backup.afterHang')).to.include({ ok: true });
    });
  });
});
