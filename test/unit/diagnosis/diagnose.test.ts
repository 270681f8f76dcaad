import { expect } from 'chai';
import type { ServerEvent, ServerSnapshot } from '../../../src/adsync/server-snapshot.js';
import { buildSupported, diagnose } from '../../../src/diagnosis/diagnose.js';
import { DiagnosisStatus } from '../../../src/diagnosis/diagnosis-status.js';

const running = { status: 'Running', startMode: 'Auto', account: 'NT SERVICE\\ADSync', exitCode: 0, serviceSpecificExitCode: 0, processId: 42 };
const stopped = { ...running, status: 'Stopped', processId: 0 };
const connectors = [
  { name: 'contoso.com', identifier: 'a', type: 'AD', connectorTypeName: 'AD', subtype: '', forest: 'contoso.com', loginUser: 'MSOL_1', loginDomain: 'CONTOSO', aadUserName: null },
  { name: 'contoso.onmicrosoft.com - AAD', identifier: 'b', type: 'Extensible2', connectorTypeName: 'Extensible2', subtype: 'Windows Azure Active Directory (Microsoft)', forest: null, loginUser: null, loginDomain: null, aadUserName: 'Sync_x' },
];

function event(id: number, message: string): ServerEvent {
  return { id, logName: id >= 7000 ? 'System' : 'Application', providerName: 'x', level: 'Error', timeCreated: '2026-11-24T10:00:00Z', recordId: id, message };
}

function snapshot(overrides: Partial<ServerSnapshot>): ServerSnapshot {
  return {
    computerName: 'AADC01', installed: true, installLocation: 'C:\\x', build: '2.4.27.0', service: running, lastServiceStart: null,
    connectors, connectorsUnavailableReason: null, aadIdentityType: 'ServiceAccount', stagingMode: false, scheduler: null, events: [], runResults: [],
    ...overrides,
  };
}

const run = (connectorName: string, result: string) => ({ connectorName, connectorId: 'id', runProfileName: 'Delta Import', result, startDate: null });

// A delta cycle as the server lists it, newest first: Export, Delta Synchronization, Delta Import per connector.
const cycleRuns = (connectorName: string, importResult: string, syncResult: string, exportResult: string) => [
  { connectorName, connectorId: 'id', runProfileName: 'Export', result: exportResult, startDate: '2026-11-24T10:03:00Z' },
  { connectorName, connectorId: 'id', runProfileName: 'Delta Synchronization', result: syncResult, startDate: '2026-11-24T10:02:00Z' },
  { connectorName, connectorId: 'id', runProfileName: 'Delta Import', result: importResult, startDate: '2026-11-24T10:01:00Z' },
];

const table: ReadonlyArray<{ name: string; input: ServerSnapshot; status: DiagnosisStatus; abandon: boolean }> = [
  { name: 'healthy', input: snapshot({}), status: DiagnosisStatus.Healthy, abandon: false },
  { name: 'healthy with the results of a real cycle (no objects, export and sync errors, warnings)', input: snapshot({ runResults: [...cycleRuns('contoso.com', 'completed-no-objects', 'completed-warnings', 'completed-no-objects'), ...cycleRuns('contoso.onmicrosoft.com - AAD', 'success', 'completed-sync-errors', 'completed-export-errors')] }), status: DiagnosisStatus.Healthy, abandon: false },
  { name: 'an AD import refused under a newer export and sync run', input: snapshot({ runResults: cycleRuns('contoso.com', 'no-start-credentials', 'success', 'completed-no-objects') }), status: DiagnosisStatus.ConnectorCredentialInvalid, abandon: false },
  { name: 'a refused import fixed by a newer import', input: snapshot({ runResults: [...cycleRuns('contoso.com', 'completed-no-objects', 'success', 'success'), ...cycleRuns('contoso.com', 'no-start-credentials', 'success', 'success').map((r) => ({ ...r, startDate: '2026-11-23T10:00:00Z' }))] }), status: DiagnosisStatus.Healthy, abandon: false },
  { name: 'the Azure AD connector stopped by a blocked sign-in (906), not a stale password', input: snapshot({ runResults: cycleRuns('contoso.onmicrosoft.com - AAD', 'stopped-extension-dll-exception', 'success', 'stopped-extension-dll-exception'), events: [event(906, 'GetSecurityToken: unable to retrieve a security token')] }), status: DiagnosisStatus.AzureADSignInBlocked, abandon: false },
  { name: "the Azure AD connector's stopped-extension-dll-exception", input: snapshot({ runResults: cycleRuns('contoso.onmicrosoft.com - AAD', 'stopped-extension-dll-exception', 'success', 'completed-no-objects') }), status: DiagnosisStatus.AzureADCredentialStale, abandon: false },
  { name: 'not installed', input: snapshot({ installed: false, service: null }), status: DiagnosisStatus.NotInstalled, abandon: false },
  { name: 'key lost: exit 1066 / 0x80231000 as uint32', input: snapshot({ service: { ...stopped, exitCode: 1066, serviceSpecificExitCode: 2149781504 } }), status: DiagnosisStatus.KeyInaccessible, abandon: true },
  { name: 'key lost: 0x80231000 as int32', input: snapshot({ service: { ...stopped, exitCode: 1066, serviceSpecificExitCode: -2145185792 } }), status: DiagnosisStatus.KeyInaccessible, abandon: true },
  { name: 'key lost: event 6028 only', input: snapshot({ service: stopped, events: [event(6028, 'The server encryption key cannot be accessed.')] }), status: DiagnosisStatus.KeyInaccessible, abandon: true },
  { name: 'logon failure: exit 1069', input: snapshot({ service: { ...stopped, exitCode: 1069 } }), status: DiagnosisStatus.ServiceLogonFailure, abandon: false },
  { name: 'logon failure wins over a stale 6028', input: snapshot({ service: { ...stopped, exitCode: 1069 }, events: [event(7038, 'unable to log on'), event(6028, 'The server encryption key cannot be accessed.')] }), status: DiagnosisStatus.ServiceLogonFailure, abandon: false },
  { name: 'logon failure: event 7038, whatever its language', input: snapshot({ service: { ...stopped, exitCode: 1, serviceSpecificExitCode: 0 }, events: [event(7038, 'Der Dienst "ADSync" konnte sich nicht anmelden.')] }), status: DiagnosisStatus.ServiceLogonFailure, abandon: false },
  { name: "a 7000 whose data holds %%1069 is a logon failure, whatever its text's language", input: snapshot({ service: { ...stopped, exitCode: 1, serviceSpecificExitCode: 0 }, events: [{ ...event(7000, 'Der Dienst konnte wegen einer fehlerhaften Anmeldung nicht gestartet werden.'), data: ['Microsoft Azure AD Sync', '%%1069'] }] }), status: DiagnosisStatus.ServiceLogonFailure, abandon: false },
  { name: 'a 7041 (no right to log on as a service) is a logon failure', input: snapshot({ service: { ...stopped, exitCode: 1, serviceSpecificExitCode: 0 }, events: [{ ...event(7041, 'unable to log on'), data: ['ADSync', 'NT SERVICE\\ADSync', 'Logon failure'] }] }), status: DiagnosisStatus.ServiceLogonFailure, abandon: false },
  { name: 'a 7000 is not read by its (localized) text', input: snapshot({ service: { ...stopped, exitCode: 1, serviceSpecificExitCode: 0 }, events: [event(7000, 'The service did not start due to a logon failure.')] }), status: DiagnosisStatus.Unknown, abandon: false },
  { name: 'other service-specific code is not key loss', input: snapshot({ service: { ...stopped, exitCode: 1066, serviceSpecificExitCode: 5 } }), status: DiagnosisStatus.Unknown, abandon: false },
  { name: 'stopped cleanly', input: snapshot({ service: stopped }), status: DiagnosisStatus.ServiceStopped, abandon: false },
  { name: 'AD connector no-start-credentials', input: snapshot({ runResults: [run('contoso.com', 'no-start-credentials')], events: [event(6000, 'failed')] }), status: DiagnosisStatus.ConnectorCredentialInvalid, abandon: false },
  { name: 'AAD stale password (AADSTS50054)', input: snapshot({ events: [event(6900, 'AADSTS50054: Old password is used for authentication.')] }), status: DiagnosisStatus.AzureADCredentialStale, abandon: false },
  { name: 'AAD connector no-start-credentials', input: snapshot({ runResults: [run('contoso.onmicrosoft.com - AAD', 'no-start-credentials')] }), status: DiagnosisStatus.AzureADCredentialStale, abandon: false },
  {
    name: 'AAD stale password fixed since: a later successful AAD run',
    input: snapshot({ events: [event(6900, 'AADSTS50054: Old password is used for authentication.')], runResults: [{ ...run('contoso.onmicrosoft.com - AAD', 'success'), startDate: '2026-11-24T11:00:00Z' }] }),
    status: DiagnosisStatus.Healthy, abandon: false,
  },
  {
    name: 'AAD stale password after the last successful AAD run',
    input: snapshot({ events: [event(6900, 'AADSTS50054: Old password is used for authentication.')], runResults: [{ ...run('contoso.onmicrosoft.com - AAD', 'success'), startDate: '2026-11-24T09:00:00Z' }] }),
    status: DiagnosisStatus.AzureADCredentialStale, abandon: false,
  },
  { name: 'MFA on the Sync_ account (906)', input: snapshot({ events: [event(906, 'GetSecurityToken: unable to retrieve a security token')] }), status: DiagnosisStatus.AzureADSignInBlocked, abandon: false },
];

describe('diagnose', () => {
  for (const row of table) {
    it(`${row.name} -> ${row.status}`, () => {
      const result = diagnose(row.input);
      expect(result.status).to.equal(row.status);
      expect(result.abandonKeyRunbookApplies).to.equal(row.abandon);
      expect(result.recommendedAction).to.have.length.greaterThan(3);
    });
  }

  it("calls out a build below the floor, and quotes Microsoft's applicability sentences for newer builds", () => {
    const old = diagnose(snapshot({ build: '2.4.27.0' })).buildGuidance;
    expect(old).to.include('stopped syncing on 30 September 2026').and.include('2.5.79.0');
    const current = diagnose(snapshot({ build: '2.5.79.0' })).buildGuidance;
    expect(current).to.include('"only apply to Microsoft Entra Connect build 1.1.443.0 or older"').and.include('"should also be used if you need to abandon the encryption key for any reason"');
    expect(current).not.to.include('stopped syncing');
    expect(buildSupported('2.5.79.0')).to.equal(true);
    expect(buildSupported('2.5.76.0')).to.equal(false);
    expect(buildSupported(null)).to.equal(null);
  });

  it('never recommends abandoning the key for a logon failure', () => {
    const result = diagnose(snapshot({ service: { ...stopped, exitCode: 1069 } }));
    expect(result.recommendedAction).to.match(/Do not abandon the key/);
  });

  const logonFailureOf = (account: string): string => diagnose(snapshot({ service: { ...stopped, exitCode: 1069, account } })).recommendedAction;
  it('for a missing "Log on as a service" right, advises granting it, not setting a password', () => {
    const d = diagnose(snapshot({ service: { ...stopped, exitCode: 1069 }, events: [{ ...event(7041, 'x'), data: ['ADSync', 'CONTOSO\\svc-sync', 'x'] }] }));
    expect(d.recommendedAction).to.include('Log on as a service').and.not.include('sc.exe config');
    expect(d.summary).to.include('7041');
  });

  it('gives logon advice that fits the kind of account: no password to set for a virtual account or a gMSA', () => {
    expect(logonFailureOf('NT SERVICE\\ADSync')).to.match(/virtual account, which has no password/).and.not.match(/Set the current password/);
    expect(logonFailureOf('CONTOSO\\svc-adsync$')).to.match(/managed service account/).and.include('Test-ADServiceAccount svc-adsync$').and.not.match(/Set the current password/);
    expect(logonFailureOf('CONTOSO\\AAD_1a2b3c')).to.match(/Set the current password of CONTOSO\\AAD_1a2b3c/);
    for (const account of ['NT SERVICE\\ADSync', 'CONTOSO\\svc$', 'CONTOSO\\AAD_1']) expect(logonFailureOf(account)).to.include('Start-AADSyncService');
  });

  it("names this module's cmdlets, with their parameters, in the advice", () => {
    expect(diagnose(snapshot({ service: { ...stopped, exitCode: 1066, serviceSpecificExitCode: 2149781504 } })).recommendedAction).to.include('Invoke-AADSyncKeyRecovery -AADCredential');
    expect(diagnose(snapshot({ runResults: [run('contoso.com', 'no-start-credentials')] })).recommendedAction).to.include("Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential");
  });

  it('shows the service-specific exit code in hex, as the messages write it', () => {
    const evidence = diagnose(snapshot({ service: { ...stopped, exitCode: 1066, serviceSpecificExitCode: -2145185792 } })).evidence.find((e) => e.source === 'ExitCode');
    expect(evidence?.text).to.include('0x80231000');
  });

  it('names the connectors whose credentials failed', () => {
    expect(diagnose(snapshot({ runResults: [run('contoso.com', 'no-start-credentials')] })).affectedConnectors).to.deep.equal(['contoso.com']);
  });

  it('says which builds need the runbook after any password change', () => {
    expect(diagnose(snapshot({ build: '1.1.443.0' })).buildGuidance).to.match(/or older/);
    expect(diagnose(snapshot({ build: '1.1.614.0' })).buildGuidance).to.match(/handle the key themselves/);
  });
});
