import { expect } from 'chai';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { MODULE_MANIFEST, runPwshJson } from '../helpers/pwsh.js';
import { createSimServer } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Facts {
  all: Array<{ Name: string; Type: string; Forest: string | null; CredentialState: string; TypeName: string }>;
  adOnly: string[];
  piped: string[];
  unknown: { ErrorId: string; Category: string; Target: string; Message: string };
  stopped: { ErrorId: string; Category: string };
  invalid: Array<{ Name: string; CredentialState: string }>;
}

describe('Get-AADSyncConnector (real pwsh)', function () {
  this.timeout(120_000);
  let root: string;
  let facts: Facts;

  before(async () => {
    root = makeTempDir();
    await createSimServer(join(root, 'three'), { scenario: ['Healthy'], forestCount: 3 });
    await createSimServer(join(root, 'stopped'), { scenario: ['KeyLost'] });
    await createSimServer(join(root, 'invalid'), { scenario: ['ConnectorCredentialInvalid'], forestCount: 2 });
    const at = (name: string): string => `$env:AADSYNCKEY_SIMULATOR = ${quotePowerShellLiteral(join(root, name))}`;
    const failure = `[pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId.Split(',')[0]; Category = [string]$_.CategoryInfo.Category; Target = [string]$_.TargetObject; Message = $_.Exception.Message }`;
    facts = await runPwshJson<Facts>(`Import-Module ${quotePowerShellLiteral(MODULE_MANIFEST)}
${at('three')}
$all = @(Get-AADSyncConnector | ForEach-Object { $_ | Add-Member -NotePropertyName TypeName -NotePropertyValue $_.PSObject.TypeNames[0] -PassThru })
$adOnly = @(Get-AADSyncConnector -Type AD | ForEach-Object Name)
$piped = @(Get-AADSyncConnector -Type AD | Get-AADSyncConnector | ForEach-Object Name)
$unknown = try { Get-AADSyncConnector -Name 'no-such.forest' } catch { ${failure} }
${at('stopped')}
$stopped = try { Get-AADSyncConnector } catch { ${failure} }
${at('invalid')}
$invalid = @(Get-AADSyncConnector -Type AD | Select-Object Name, CredentialState)
[pscustomobject]@{ all = $all; adOnly = $adOnly; piped = $piped; unknown = $unknown; stopped = $stopped; invalid = $invalid } | ConvertTo-Json -Depth 5`);
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

  it('raises SyncServiceNotRunning when the service is down', () => {
    expect(facts.stopped).to.include({ ErrorId: 'SyncServiceNotRunning', Category: 'ResourceUnavailable' });
  });

  it('marks the connector whose last run had no-start-credentials as Invalid', () => {
    expect(facts.invalid).to.deep.equal([{ Name: 'contoso.com', CredentialState: 'Invalid' }, { Name: 'fabrikam.com', CredentialState: 'Valid' }]);
  });
});
