import { expect } from 'chai';
import { join } from 'node:path';
import { caseOutcome, firstOutput, type CaseOutcome } from '../helpers/ps-cases.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface Check { Command: string; Parameter: string | null; Present: boolean }

// Add-ADSyncConnector -ADConnectorCredential is in no public syntax. On a server whose command lacks it, nothing may
// change: the preflight refuses before the key is abandoned, names the documented way instead, and -WhatIf and
// Test-AADSyncEncryptionKey -Detailed show it. The same plan works where the server has it (the other tests).
describe("preflight: the server's own ADSync commands, checked before anything changes (real pwsh)", function () {
  this.timeout(300_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;

  before(async () => {
    root = makeTempDir();
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('Preflight.Cases.ps1'), ['-Root', root], { stdin: ['Contoso-Pw-1!', 'Fabrikam-Pw-2!', 'GlobalAdmin-Pw-3!', 'EnterpriseAdmin-Pw-4!'].join('\n'), timeoutMs: 280_000 });
  });
  after(() => removeTempDir(root));

  const outcome = (name: string): CaseOutcome => caseOutcome(outcomes, name);
  const missingCheck = (checks: Check[]): Check | undefined => checks.find((c) => c.Command === 'Add-ADSyncConnector' && c.Parameter === 'ADConnectorCredential');

  it('refuses a recovery with known passwords before the abandon, naming the documented alternatives', () => {
    expect(outcome('refused')).to.include({ ok: false, errorId: 'ServerCommandMissing', category: 'NotImplemented', stateChanged: false, abandonCount: 0 });
    expect(outcome('refused').message).to.include('Add-ADSyncConnector -ADConnectorCredential').and.include('-ResetConnector').and.include('Synchronization Service Manager');
  });

  it('-WhatIf and Test-AADSyncEncryptionKey -Detailed show the preflight', () => {
    expect(outcome('whatIf')).to.include({ ok: true, stateChanged: false });
    expect(outcome('whatIf').warnings.join('\n')).to.include('Preflight').and.include('-ADConnectorCredential');
    expect(missingCheck(firstOutput<{ Preflight: Check[] }>(outcomes, 'whatIf').Preflight)).to.include({ Present: false });
    const detailed = firstOutput<{ Preflight: Check[] }>(outcomes, 'detailed');
    expect(missingCheck(detailed.Preflight)).to.include({ Present: false });
    expect(detailed.Preflight.find((c) => c.Command === 'Add-ADSyncAADServiceAccount')).to.include({ Present: true });
  });

  it('recovers the same server kind with the documented way, an Enterprise Admin reset', () => {
    expect(firstOutput<{ Outcome: string; KeyAbandonCount: number }>(outcomes, 'reset')).to.include({ Outcome: 'Succeeded', KeyAbandonCount: 1 });
    expect(outcome('reset')).to.include({ abandonCount: 1, keyState: 'Healthy' });
  });

  it('refuses Set-AADSyncConnectorCredential with a known password, changing nothing', () => {
    expect(outcome('set')).to.include({ ok: false, errorId: 'ServerCommandMissing', stateChanged: false });
  });
});

// A real server's surface, captured by Export-AADSyncServerSurface, becomes a simulator: here the capture is of a
// simulated server whose command lacks -ADConnectorCredential and whose registry has no product Version.
describe('Export-AADSyncServerSurface and a simulator built from its file (real pwsh)', function () {
  this.timeout(240_000);
  let root: string;
  let outcomes: Record<string, CaseOutcome>;
  let surface: { format: string; cmdlets: Array<{ name: string; present: boolean }>; build: string; buildSource: string; missingParameters: string[]; events: Array<{ id: number }> };

  before(async () => {
    root = makeTempDir();
    const file = join(root, 'surface.json');
    outcomes = await runPwshFileJson<Record<string, CaseOutcome>>(testScript('ServerSurface.Cases.ps1'), ['-Root', root], { timeoutMs: 220_000 });
    surface = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')) as typeof surface;
  });
  after(() => removeTempDir(root));

  it('reads the build from a documented source when the registry has no Version', () => {
    expect(firstOutput<{ Build: string; BuildSource: string }>(outcomes, 'state')).to.deep.equal({ Build: '2.4.129.0', BuildSource: 'ServerConfigurationVersion' });
  });

  it('writes versions, the syntax of every ADSync cmdlet used, and event counts, with no secret, and refuses to overwrite without -Force', () => {
    expect(surface.format).to.equal('AADSyncKey.ServerSurface/1');
    expect(surface.cmdlets.map((c) => c.name)).to.include.members(['Add-ADSyncConnector', 'Add-ADSyncAADServiceAccount', 'Start-ADSyncSyncCycle', 'Get-ADSyncScheduler']);
    expect(surface.missingParameters).to.deep.equal(['Add-ADSyncConnector -ADConnectorCredential']);
    expect(surface.buildSource).to.equal('ServerConfigurationVersion');
    expect(JSON.stringify(surface)).not.to.match(/password|hash|salt/i);
    expect(caseOutcome(outcomes, 'exportAgain')).to.include({ ok: false, errorId: 'FileExists', category: 'ResourceExists' });
  });

  it('builds a simulator with the same build and capabilities from the file', () => {
    expect(caseOutcome(outcomes, 'rebuilt').output).to.deep.equal(['Add-ADSyncConnector -ADConnectorCredential']);
    expect(firstOutput<{ Build: string; BuildSource: string }>(outcomes, 'rebuiltBuild')).to.deep.equal({ Build: '2.4.129.0', BuildSource: 'ServerConfigurationVersion' });
  });
});
