import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServers } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Outcome {
  ServiceStatus?: string;
  StartedNow?: boolean;
  SyncCycle?: string;
  Succeeded?: boolean;
  FailedConnectors?: string[];
  ConnectorResults?: Array<{ Connector: string; Result: string; Runs: string; RunsWithErrors: number }>;
  Warnings?: string[];
  ErrorIds?: string[];
  ErrorMessages?: string[];
  WarningMessages?: string[];
  ConnectorsWithoutRun?: string[];
  ErrorId?: string;
  Category?: string;
  Message?: string;
  Waited?: boolean;
  Written?: number;
}

describe('Start-AADSyncService (real pwsh)', function () {
  this.timeout(180_000);
  let root: string;
  let outcomes: Record<string, Outcome>;
  let whatIfStateBefore: string;
  let whatIfStateAfter: string;

  before(async () => {
    root = makeTempDir();
    await createSimServers([
      { path: join(root, 'stopped'), scenario: ['ServiceStopped'], forestCount: 2 },
      { path: join(root, 'whatif'), scenario: ['ServiceStopped'] },
      { path: join(root, 'keyLost'), scenario: ['KeyLost'] },
      { path: join(root, 'logon'), scenario: ['LogonFailure'] },
      { path: join(root, 'invalid'), scenario: ['ConnectorCredentialInvalid'], forestCount: 2 },
      { path: join(root, 'invalidQuiet'), scenario: ['ConnectorCredentialInvalid'], forestCount: 2 },
      { path: join(root, 'quiet'), scenario: ['ServiceStopped'] },
    ]);
    whatIfStateBefore = createHash('sha256').update(readFileSync(join(root, 'whatif', 'state.json'))).digest('hex');
    outcomes = await runPwshFileJson<Record<string, Outcome>>(testScript('StartService.Cases.ps1'), ['-Root', root]);
    whatIfStateAfter = createHash('sha256').update(readFileSync(join(root, 'whatif', 'state.json'))).digest('hex');
  });
  after(() => removeTempDir(root));

  it('retries an engine that answers "AAD is busy", and proves every connector by a new run', () => {
    expect(outcomes['aadBusy']).to.include({ SyncCycle: 'Completed', Succeeded: true });
    expect(outcomes['aadBusy']!.ConnectorResults).to.have.length(3);
  });

  it('waits for a cycle that starts after Start-ADSyncSyncCycle returns, instead of reporting the runs before it', () => {
    expect(outcomes['lateStart'], JSON.stringify(outcomes['lateStart'])).to.include({ SyncCycle: 'Completed', Succeeded: true });
    expect(outcomes['lateStart']!.ConnectorResults?.map((r) => r.Result)).to.deep.equal(['Ran', 'Ran', 'Ran']);
  });

  it('calls a cycle that produced no runs unproven, not a success', () => {
    expect(outcomes['neverStarts']).to.include({ SyncCycle: 'Incomplete', Succeeded: false });
    expect(outcomes['neverStarts']!.ConnectorResults?.map((r) => [r.Result, r.Runs])).to.deep.equal([['NoRun', ''], ['NoRun', ''], ['NoRun', '']]);
    expect(outcomes['neverStarts']!.ConnectorsWithoutRun).to.have.length(3);
  });

  it('writes nothing without -PassThru when it succeeds, and a failed run as an error', () => {
    expect(outcomes['quiet']).to.deep.equal({ Written: 0 });
    expect(outcomes['invalidQuiet']).to.deep.equal({ ErrorId: 'ConnectorCredentialRejected' });
  });

  it('starts a stopped service and verifies a delta cycle on every connector', () => {
    const outcome = outcomes['stopped']!;
    expect(outcome).to.include({ ServiceStatus: 'Running', StartedNow: true, SyncCycle: 'Completed', Succeeded: true });
    expect(outcome.ConnectorResults?.map((r) => r.Result)).to.deep.equal(['Ran', 'Ran', 'Ran']);
    // A real cycle: three run profiles on every connector, each judged.
    expect(outcome.ConnectorResults?.[0]?.Runs).to.match(/Delta Import \S+/).and.match(/Delta Synchronization \S+/).and.match(/Export \S+/);
  });

  it('changes nothing with -WhatIf', () => {
    expect(outcomes['whatif']!.ServiceStatus).to.equal('Stopped');
    expect(whatIfStateAfter).to.equal(whatIfStateBefore);
  });

  it('fails with ServiceStartFailed naming key loss when the key is unreadable', () => {
    expect(outcomes['keyLost']).to.include({ ErrorId: 'ServiceStartFailed', Category: 'OpenError' });
    expect(outcomes['keyLost']!.Message).to.include('KeyInaccessible');
  });

  it('fails with ServiceStartFailed naming the logon failure, and does not advise abandoning the key', () => {
    expect(outcomes['logon']).to.include({ ErrorId: 'ServiceStartFailed' });
    expect(outcomes['logon']!.Message).to.include('ServiceLogonFailure').and.include('Do not abandon the key');
  });

  it('reports the connector whose credentials fail', () => {
    expect(outcomes['invalid']).to.include({ Succeeded: false });
    expect(outcomes['invalid']!.FailedConnectors).to.deep.equal(['contoso.com']);
  });

  it('counts the results of a healthy real cycle (no objects, warnings, sync and export errors) as ran, and warns of the errors', () => {
    const outcome = outcomes['realistic']!;
    expect(outcome, JSON.stringify(outcome)).to.include({ SyncCycle: 'Completed', Succeeded: true });
    expect(outcome.ErrorIds).to.deep.equal([]);
    expect(outcome.ConnectorResults?.map((r) => r.Result)).to.deep.equal(['Ran', 'Ran', 'Ran']);
    const aad = outcome.ConnectorResults?.find((r) => r.Connector.endsWith(' - AAD'));
    expect(aad?.Runs).to.include('Delta Import completed-no-objects').and.include('Delta Synchronization completed-sync-errors').and.include('Export completed-export-errors');
    expect(aad?.RunsWithErrors).to.equal(2);
    expect(outcome.WarningMessages?.join('\n')).to.include(aad?.Connector ?? '-').and.include('object errors');
  });

  it('tells a directory that cannot be reached from a refused password, naming the run and its result', () => {
    const outcome = outcomes['serverDown']!;
    expect(outcome.Succeeded).to.equal(false);
    expect(outcome.FailedConnectors).to.deep.equal(['contoso.com']);
    expect(outcome.ErrorIds).to.deep.equal(['ConnectorUnreachable']);
    expect(outcome.ErrorMessages?.[0]).to.include('contoso.com').and.include('stopped-server-down');
  });

  it("reads the Azure AD connector's stopped-extension-dll-exception as a failed sign-in of its own", () => {
    const outcome = outcomes['aadRefused']!;
    expect(outcome.Succeeded).to.equal(false);
    expect(outcome.ErrorIds).to.deep.equal(['AzureADConnectorSignInFailed']);
    expect(outcome.ErrorMessages?.[0]).to.include('Delta Import stopped-extension-dll-exception');
  });

  it('waits for a cycle that is already running instead of failing', () => {
    expect(outcomes['busy'], JSON.stringify(outcomes['busy'])).to.include({ ServiceStatus: 'Running', StartedNow: false, SyncCycle: 'Completed', Succeeded: true, Waited: true });
  });
});
