import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { ProcessSampler } from '../helpers/process-sampler.js';
import { MODULE_MANIFEST, runPwsh, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';
import { CANARY_PASSWORD, filesContaining } from '../helpers/secret-scan.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

// Every cmdlet that takes a credential, given the canary password (through pwsh's standard input, never in a
// script): the canary must show up in no process's command line or environment, no output, verbose, warning or
// error text, no transcript of the admin's session, and no file the run leaves.
describe('canary password through every credential cmdlet (real pwsh)', function () {
  this.timeout(240_000);
  let root: string;
  let streams: string;
  let transcript: string;
  let sampled: { samples: number; hits: string[] };
  let exitCode: number | null;

  before(async () => {
    root = makeTempDir();
    const server = join(root, 'server');
    const lostServer = join(root, 'lost');
    const q = quotePowerShellLiteral;
    const script = `$canary = [Console]::In.ReadLine()
function New-CanaryCredential([string] $User) {
    $secure = New-Object System.Security.SecureString
    foreach ($char in $canary.ToCharArray()) { $secure.AppendChar($char) }
    New-Object System.Management.Automation.PSCredential ($User, $secure)
}
Import-Module ${q(SIMULATOR_MANIFEST)}
$null = New-SimADSyncServer -Path ${q(server)} -ForestName 'contoso.com' -ForestCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\\MSOL_c') } -GlobalAdminCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com')
$null = New-SimADSyncServer -Path ${q(lostServer)} -Scenario KeyLost -ForestName 'contoso.com' -ForestCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\\MSOL_c') } -GlobalAdminCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com')
$env:AADSYNCKEY_SIMULATOR = ${q(server)}
$env:AADSYNCKEY_DATA_DIR = ${q(join(root, 'data'))}
Import-Module ${q(MODULE_MANIFEST)}
Start-Transcript -LiteralPath ${q(join(root, 'transcript.txt'))} | Out-Null
$VerbosePreference = 'Continue'
$log = New-Object System.Collections.Generic.List[string]
function Invoke-Logged([scriptblock] $Body) {
    try { & $Body *>&1 | ForEach-Object { $log.Add(($_ | Out-String)) } }
    catch { $log.Add(($_ | Out-String)); $log.Add($_.FullyQualifiedErrorId); $log.Add($_.Exception.Message); $log.Add([string]$_.ErrorDetails) }
}
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -Credential (New-CanaryCredential 'CONTOSO\\MSOL_c') -Confirm:$false -PassThru }
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'contoso.com' -EnterpriseAdminCredential (New-CanaryCredential 'CONTOSO\\ea') -Confirm:$false }
Invoke-Logged { Set-AADSyncConnectorCredential -ConnectorName 'nosuch' -Credential (New-CanaryCredential 'CONTOSO\\MSOL_c') -Confirm:$false }
Invoke-Logged { Reset-AADSyncAADServiceAccount -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -Confirm:$false }
Invoke-Logged { Reset-AADSyncAADServiceAccount -AADCredential (New-CanaryCredential 'someone@contoso.onmicrosoft.com') -Confirm:$false }
Invoke-Logged { Backup-AADSyncEncryptionKey -Path ${q(join(root, 'keyset.bin'))} -Credential (New-CanaryCredential 'CONTOSO\\AAD_svc') }
Invoke-Logged { Start-AADSyncService -Confirm:$false }
# The whole recovery, on a second server that lost its key: first with a wrong Global Administrator (it stops at
# that step and its error is logged), then resumed with the canary one.
$env:AADSYNCKEY_SIMULATOR = ${q(lostServer)}
Invoke-Logged { Invoke-AADSyncKeyRecovery -AADCredential (New-CanaryCredential 'nobody@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\\MSOL_c') } -Confirm:$false -Verbose }
Invoke-Logged { Invoke-AADSyncKeyRecovery -AADCredential (New-CanaryCredential 'admin@contoso.onmicrosoft.com') -ConnectorCredential @{ 'contoso.com' = (New-CanaryCredential 'CONTOSO\\MSOL_c') } -Confirm:$false -Verbose }
Invoke-Logged { Get-AADSyncKeyRecoveryJournal | Format-List * }
Stop-Transcript | Out-Null
[IO.File]::WriteAllText(${q(join(root, 'streams.txt'))}, ($log -join [Environment]::NewLine))
$global:Error | ForEach-Object { [Console]::Out.WriteLine(($_ | Out-String)) }
`;
    const sampler = new ProcessSampler(CANARY_PASSWORD);
    const run = await runPwsh(script, { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 200_000 });
    sampled = sampler.stop();
    exitCode = run.exitCode;
    expect(run.exitCode, run.stderr).to.equal(0);
    expect(run.stdout + run.stderr).not.to.include(CANARY_PASSWORD);
    streams = readFileSync(join(root, 'streams.txt'), 'utf8');
    transcript = readFileSync(join(root, 'transcript.txt'), 'utf8');
  });
  after(() => removeTempDir(root));

  it('ran every cmdlet to its end: the successes and the refusals it should have', () => {
    expect(exitCode).to.equal(0);
    expect(streams).to.include('Known').and.include('EnterpriseAdminCredentialInvalid').and.include('ConnectorNotFound');
    expect(streams).to.include('AzureADSignInFailed').and.include('keyset.bin').and.include('Succeeded');
    expect(streams).to.include("stopped at step 'aad-service-account'").and.include('Resumed');
    expect(streams).to.include('Add-ADSyncConnector -Connector <contoso.com> -ADConnectorCredential <credential of CONTOSO\\MSOL_c>');
  });

  it('shows the canary to no process while the cmdlets run', () => {
    expect(sampled.samples).to.be.greaterThan(20);
    expect(sampled.hits).to.deep.equal([]);
  });

  it('writes the canary to no stream, error, transcript or file', () => {
    expect(streams).not.to.include(CANARY_PASSWORD);
    expect(transcript).to.include('Set-AADSyncConnectorCredential').and.not.include(CANARY_PASSWORD);
    expect(filesContaining(root, CANARY_PASSWORD)).to.deep.equal([]);
    expect(filesContaining(tmpdir(), CANARY_PASSWORD).filter((path) => !path.startsWith(root))).to.deep.equal([]);
  });
});
