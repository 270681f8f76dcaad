import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessSampler } from '../helpers/process-sampler.js';
import { startPwshFile, testScript } from '../helpers/pwsh.js';
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
    const sampler = new ProcessSampler(CANARY_PASSWORD);
    let run;
    try {
      run = await startPwshFile(testScript('Invoke-CanaryCmdlets.ps1'), ['-Root', root], { stdin: `${CANARY_PASSWORD}\n`, timeoutMs: 200_000 }).done;
    } finally {
      sampled = sampler.stop();
    }
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
