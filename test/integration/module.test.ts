import { expect } from 'chai';
import { join } from 'node:path';
import { COMMAND_DEFINITIONS } from '../../src/commands/registry.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServers } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface ModuleFacts {
  viewBefore: boolean;
  commands: string[];
  manifestFunctions: string[];
  helpHasExample: boolean;
  helpSynopsis: string;
  helpExamples: number;
  view: string;
}

interface StateOutput {
  TypeNames: string[];
  Installed: boolean;
  Build: string | null;
  ServiceStatus: string | null;
  ServiceAccount: string | null;
  ExitCode: number | null;
  ServiceSpecificExitCode: number | null;
  Connectors: Array<{ Name: string; Type: string; Forest: string | null; LoginUser: string | null; LoginDomain: string | null }> | null;
  ConnectorsUnavailableReason: string | null;
  AzureADIdentityType: string | null;
  StagingMode: boolean | null;
  Events: Array<{ Id: number; Message: string }>;
  Warnings: string[];
}

describe('AADSyncKey module in real pwsh', function () {
  this.timeout(180_000);
  let root: string;
  const scenarios: Record<string, { scenario: string[]; forestCount?: number; build?: string }> = {
    keyLost: { scenario: ['KeyLost'], forestCount: 2 },
    healthyThreeForests: { scenario: ['Healthy'], forestCount: 3 },
    logonFailure: { scenario: ['LogonFailure'] },
    applicationStaging: { scenario: ['ApplicationIdentity', 'StagingMode'], build: '2.5.3.0' },
    notInstalled: { scenario: ['NotInstalled'] },
  };
  let states: Record<string, StateOutput>;

  before(async () => {
    root = makeTempDir();
    await createSimServers(Object.entries(scenarios).map(([name, spec]) => ({ path: join(root, name), ...spec })));
    states = await runPwshFileJson<Record<string, StateOutput>>(testScript('Get-ServerStates.ps1'), ['-Root', root]);
  });
  after(() => removeTempDir(root));

  it('imports, exports exactly the manifest functions, and shows full help with examples', async () => {
    const facts = await runPwshFileJson<ModuleFacts>(testScript('Get-ModuleFacts.ps1'), ['-Server', join(root, 'keyLost')]);
    expect([...facts.commands].sort()).to.deep.equal(COMMAND_DEFINITIONS.map((c) => c.name).sort());
    expect([...facts.commands].sort()).to.deep.equal([...facts.manifestFunctions].sort());
    expect(facts.helpHasExample).to.equal(true);
    expect(facts.helpExamples).to.be.at.least(2);
    expect(facts.helpSynopsis).to.match(/state of the Azure AD Connect sync server/);
    // The views load with the first output, not at import.
    expect(facts.viewBefore).to.equal(false);
    expect(facts.view).to.equal('TableControl');
  });

  it('reports a server that lost its key: stopped, exit code 1066 with 0x80231000, event 6028', () => {
    const state = states['keyLost']!;
    expect(state.TypeNames[0]).to.equal('AADSyncKey.ServerState');
    expect(state).to.include({ Installed: true, Build: '2.4.27.0', ServiceStatus: 'Stopped', ServiceAccount: 'NT SERVICE\\ADSync', ExitCode: 1066, ServiceSpecificExitCode: 0x80231000 });
    expect(state.Events.map((e) => e.Id)).to.include(6028);
    expect(state.Events.find((e) => e.Id === 6028)?.Message).to.equal('The server encryption key cannot be accessed.');
    expect(state.Connectors).to.equal(null);
    expect(state.ConnectorsUnavailableReason).to.match(/not running/);
  });

  it('lists every connector of a healthy three-forest server, with forest and login, no password', () => {
    const state = states['healthyThreeForests']!;
    expect(state).to.include({ ServiceStatus: 'Running', ExitCode: 0, AzureADIdentityType: 'ServiceAccount', StagingMode: false });
    const ad = (state.Connectors ?? []).filter((c) => c.Type === 'AD');
    expect(ad.map((c) => c.Forest)).to.deep.equal(['contoso.com', 'fabrikam.com', 'litware.net']);
    expect(ad.map((c) => c.LoginDomain)).to.deep.equal(['CONTOSO', 'FABRIKAM', 'LITWARE']);
    for (const connector of ad) expect(connector.LoginUser).to.match(/^MSOL_[0-9a-f]{12}$/);
    expect((state.Connectors ?? []).filter((c) => c.Type === 'AzureAD')).to.have.length(1);
    expect(JSON.stringify(state)).not.to.match(/password/i);
    expect(state.Events).to.deep.equal([]);
  });

  it('reports a logon failure with exit code 1069 and events 7038 and 7000, not 6028', () => {
    const state = states['logonFailure']!;
    expect(state).to.include({ ServiceStatus: 'Stopped', ExitCode: 1069, ServiceSpecificExitCode: 0 });
    const ids = state.Events.map((e) => e.Id);
    expect(ids).to.include.members([7038, 7000]);
    expect(ids).not.to.include(6028);
  });

  it('reads the application identity and staging mode of a 2.5.3.0 server', () => {
    const state = states['applicationStaging']!;
    expect(state).to.include({ Build: '2.5.3.0', AzureADIdentityType: 'Application', StagingMode: true });
  });

  it('names the cmdlet, a typed exception and what to do when the core cannot start', async () => {
    const facts = await runPwshFileJson<{ errorId: string; command: string; type: string; action: string }>(testScript('Get-CallFailure.ps1'), [], { env: { AADSYNCKEY_NODE: '/nonexistent/node' } });
    expect(facts).to.include({ errorId: 'CoreUnavailable,Get-AADSyncServerState', command: 'Get-AADSyncServerState', type: 'AADSyncKey.SessionException' });
    expect(facts.action).to.include('node');
  });

  it('says when Azure AD Connect is not installed', () => {
    const state = states['notInstalled']!;
    expect(state).to.include({ Installed: false, ServiceStatus: null, Build: null });
    expect(state.Warnings.join(' ')).to.match(/not installed/);
  });
});
