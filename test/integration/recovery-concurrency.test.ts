import { expect } from 'chai';
import { join } from 'node:path';
import { stepRunning } from '../helpers/journal-files.js';
import { descendantsOf } from '../helpers/process-tree.js';
import { waitUntil } from '../helpers/processes.js';
import { runPwshFileJson, startPwshFile, testScript, type StartedPwsh } from '../helpers/pwsh.js';
import { clearSimFaults } from '../helpers/simulator.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

const SECRETS = 'Contoso-Pw-1!\nFabrikam-Pw-2!\nGlobalAdmin-Pw-3!\n';

// Two administrators, two real PowerShell windows, one server: the second recovery is refused while the first runs.
describe('concurrent recoveries of one server (real processes)', function () {
  this.timeout(180_000);
  let root: string;
  let second: { errorId?: string; message?: string; outcome?: string };
  let first: { outcome?: string; errorId?: string };
  let firstCorePid: number | undefined;

  before(async () => {
    root = makeTempDir();
    const server = join(root, 'server');
    const data = join(root, 'data');
    // The first recovery's Add-ADSyncConnector is held until the second has answered: no race with a delay.
    await runPwshFileJson(testScript('New-KeyLostServer.ps1'), ['-Path', server, '-SlowCommand', 'Add-ADSyncConnector=held'], { stdin: SECRETS });
    const env = { AADSYNCKEY_SIMULATOR: server, AADSYNCKEY_DATA_DIR: data };
    const recover = (): StartedPwsh => startPwshFile(testScript('Invoke-TestRecovery.ps1'), [], { env, stdin: SECRETS });
    const admin1 = recover();
    // Wait until the first recovery is storing connector passwords (its lock held, its journal written).
    await waitUntil(() => stepRunning(data, 'connector:contoso.com'), 90_000);
    firstCorePid = descendantsOf(admin1.pid).find((p) => p.cmdline.includes('dist/src/cli/core.js'))?.pid;
    try {
      const run2 = await recover().done;
      second = JSON.parse(run2.stdout.trim().split('\n').at(-1) ?? '{}') as typeof second;
    } finally {
      await clearSimFaults(server);
    }
    const run1 = await admin1.done;
    first = JSON.parse(run1.stdout.trim().split('\n').at(-1) ?? '{}') as typeof first;
  });
  after(() => removeTempDir(root));

  it('refuses the second with RecoveryInProgress naming the first one\'s process, and lets the first finish', () => {
    expect(firstCorePid).to.be.a('number');
    expect(second.errorId, JSON.stringify(second)).to.equal('RecoveryInProgress');
    expect(second.message).to.include(`process ${String(firstCorePid)}`);
    expect(first.outcome, JSON.stringify(first)).to.equal('Succeeded');
  });
});
