import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { createSimServers } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Facts {
  all: Array<{ Name: string; Type: string; Forest: string | null; CredentialState: string; TypeName: string }>;
  adOnly: string[];
  piped: string[];
  unknown: { ErrorId: string; Category: string; Target: string; Message: string };
  stopped: { ErrorId: string; Category: string };
  invalid: Array<{ Name: string; CredentialState: string }>;
  several: string[];
  byValue: string[];
  wildcard: string[];
  noMatch: string[];
  silent: { names: string[]; errors: string[] };
  notCaught: string;
  journalMissing: string[];
  completeName: string[];
  completeReset: string[];
  completeRecovery: string[];
  properties: string[];
  typed: string;
  family: string;
}

describe('Get-AADSyncConnector (real pwsh)', function () {
  this.timeout(120_000);
  let root: string;
  let facts: Facts;

  before(async () => {
    root = makeTempDir();
    await createSimServers([
      { path: join(root, 'three'), scenario: ['Healthy'], forestCount: 3 },
      { path: join(root, 'stopped'), scenario: ['KeyLost'] },
      { path: join(root, 'invalid'), scenario: ['ConnectorCredentialInvalid'], forestCount: 2 },
    ]);
    const data = join(root, 'data');
    mkdirSync(join(data, 'journals', 'AADC01-0123456789'), { recursive: true });
    writeFileSync(join(data, 'journals', 'AADC01-0123456789', '20261125T000000Z-abcdef.json'), '{}');
    facts = await runPwshFileJson<Facts>(testScript('Get-ConnectorFacts.ps1'), ['-Root', root]);
  });
  after(() => removeTempDir(root));

  it('lists every connector as AADSyncKey.Connector with its type and forest', () => {
    expect(facts.all.map((c) => c.Type)).to.deep.equal(['AD', 'AD', 'AD', 'AzureAD']);
    expect(facts.all.map((c) => c.Forest).slice(0, 3)).to.deep.equal(['contoso.com', 'fabrikam.com', 'litware.net']);
    for (const connector of facts.all) expect(connector.TypeName).to.equal('AADSyncKey.Connector');
  });

  it('filters by type, and takes names from the pipeline by property name', () => {
    expect(facts.adOnly).to.deep.equal(['contoso.com', 'fabrikam.com', 'litware.net']);
    expect(facts.piped).to.deep.equal(facts.adOnly);
  });

  it('raises ConnectorNotFound (ObjectNotFound) with the real text for an unknown name', () => {
    expect(facts.unknown).to.include({ ErrorId: 'ConnectorNotFound', Category: 'ObjectNotFound', Target: 'no-such.forest' });
    expect(facts.unknown.Message).to.include('Operation failed because the specified MA could not be found');
  });

  it('takes several names, names by value from the pipeline, and wildcards (no error for a wildcard that matches nothing)', () => {
    expect(facts.several).to.deep.equal(['contoso.com', 'fabrikam.com']);
    expect(facts.byValue).to.deep.equal(['contoso.com', 'litware.net']);
    expect(facts.wildcard).to.deep.equal(['contoso.com', 'litware.net', 'contoso.onmicrosoft.com - AAD']);
    expect(facts.noMatch).to.deep.equal([]);
  });

  it('writes a not-found name as a non-terminating error that -ErrorAction and try/catch treat as PowerShell\'s own cmdlets do', () => {
    expect(facts.silent).to.deep.equal({ names: ['contoso.com'], errors: ['ConnectorNotFound'] });
    expect(facts.notCaught).to.equal('not caught');
    expect(facts.journalMissing).to.deep.equal(['RecoveryNotFound']);
  });

  it('completes connector names from the remembered inventory and recovery ids from the journals (TabExpansion2)', () => {
    expect(facts.completeName).to.deep.equal(['fabrikam.com']);
    expect(facts.completeReset).to.deep.equal(['contoso.com', 'fabrikam.com', 'litware.net']);
    expect(facts.completeRecovery).to.deep.equal(['20261125T000000Z-abcdef']);
  });

  it('raises typed exceptions: catch [AADSyncKey.ConnectorException] and the family base type both work', () => {
    expect(facts.typed).to.equal('ConnectorException ConnectorNotFound');
    expect(facts.family).to.equal('AADSyncKey.AADSyncKeyException');
  });

  it('names a connector once (Name; the credential cmdlets take it by that property name too)', () => {
    expect(facts.properties).to.include('Name').and.not.include('ConnectorName');
  });

  it('raises SyncServiceNotRunning when the service is down', () => {
    expect(facts.stopped).to.include({ ErrorId: 'SyncServiceNotRunning', Category: 'ResourceUnavailable' });
  });

  it('marks the connector whose last run had no-start-credentials as Invalid', () => {
    expect(facts.invalid).to.deep.equal([{ Name: 'contoso.com', CredentialState: 'Invalid' }, { Name: 'fabrikam.com', CredentialState: 'Valid' }]);
  });
});
