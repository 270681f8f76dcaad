import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { PowerShellSession } from '../../src/session/powershell-session.js';
import { Secret } from '../../src/session/secret.js';
import { createSimServer } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { CANARY_PASSWORD, filesContaining, processesContaining } from '../helpers/secret-scan.js';

describe('secret transport (canary)', function () {
  this.timeout(120_000);
  let root: string;

  before(async () => {
    root = makeTempDir();
    await createSimServer(root);
  });
  after(() => removeTempDir(root));

  it('turns the password into a PSCredential inside the session and shows it to no process, file or log', async () => {
    const verbose: string[] = [];
    const session = new PowerShellSession({ target: { kind: 'simulator', statePath: root } });
    try {
      const running = session.invoke({
        script: 'Test-SecretChannel',
        arguments: { DelayMs: 1500 },
        credentials: { Credential: { userName: 'CONTOSO\\MSOL_canary', password: new Secret(CANARY_PASSWORD) } },
      });
      // While the secret is inside the session, look at every process on the machine.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const processHits = processesContaining(CANARY_PASSWORD);
      const result = await running;
      for (const record of result.records) verbose.push(record.message);
      const answer = result.output[0] as { userName: string; passwordType: string; passwordLength: number; passwordSha256: string };

      expect(answer.passwordType).to.equal('System.Security.SecureString');
      expect(answer.userName).to.equal('CONTOSO\\MSOL_canary');
      expect(answer.passwordLength).to.equal(CANARY_PASSWORD.length);
      expect(answer.passwordSha256).to.equal(createHash('sha256').update(CANARY_PASSWORD, 'utf8').digest('hex'));
      expect(processHits, 'processes whose command line or environment holds the canary').to.deep.equal([]);
      expect(JSON.stringify(result)).not.to.include(CANARY_PASSWORD);
      expect(verbose.join('\n')).not.to.include(CANARY_PASSWORD);
      expect(filesContaining(root, CANARY_PASSWORD), 'files in the state folder').to.deep.equal([]);
      expect(filesContaining(tmpdir(), CANARY_PASSWORD), 'files in the temp folder').to.deep.equal([]);
    } finally {
      await session.dispose();
    }
  });
});
