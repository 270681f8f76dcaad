import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, type PackageBuild } from '../../src/packaging/build-package.js';
import { SEA_NODE_VERSION } from '../../src/packaging/node-binaries.js';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';
import { runPwshFileJson } from '../helpers/pwsh.js';
import { CANARY_PASSWORD, filesContaining } from '../helpers/secret-scan.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

interface InstalledRun {
  nodeOnPath: boolean;
  installedVersion: string;
  moduleBase: string;
  manifestValid: boolean;
  projectUri: string;
  helpSynopsis: string;
  aboutHelp: boolean;
  coreChoice: string[];
  before: string;
  outcome: string;
  after: boolean;
  coreProcess: string[];
}

// `npm run package` end to end: the module package is built (bundled core, single executables for Linux and
// Windows x64), published with Publish-PSResource, installed with Install-PSResource under a scratch HOME, and
// used by name with no Node.js on PATH.
describe('the module package (PSResourceGet, single executable)', function () {
  this.timeout(600_000);
  let root: string;
  let built: PackageBuild;
  let run: InstalledRun;

  before(async () => {
    root = makeTempDir();
    built = await buildPackage(join(root, 'out'));
    const home = join(root, 'home');
    const work = join(root, 'work');
    // .NET gives an empty path for a special folder that does not exist, and PSResourceGet would then write its
    // settings into the working directory (once, the checkout): every folder exists.
    const xdg = { XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
    for (const folder of [home, work, ...Object.values(xdg)]) mkdirSync(folder, { recursive: true });
    // A PATH with the system's programs but no Node.js (it is in /usr/bin here).
    const bin = join(root, 'bin-without-node');
    mkdirSync(bin);
    for (const name of readdirSync('/usr/bin')) {
      if (!/^(node|nodejs|npm|npx|corepack)$/.test(name)) symlinkSync(join('/usr/bin', name), join(bin, name));
    }
    run = await runPwshFileJson<InstalledRun>(
      join(PACKAGE_ROOT, 'test', 'integration', 'scripts', 'Install-FromPackage.ps1'),
      ['-Repository', join(root, 'out', 'repository'), '-WorkFolder', work],
      {
        stdin: `${CANARY_PASSWORD}\n`,
        timeoutMs: 300_000,
        cwd: work,
        // No node on PATH, a HOME of its own, and none of the checkout's settings.
        env: { HOME: home, PATH: `${bin}:/usr/sbin:/sbin`, ...xdg, AADSYNCKEY_NODE: '', AADSYNCKEY_PWSH: '', AADSYNCKEY_SIMULATOR: '', AADSYNCKEY_DATA_DIR: '' },
      },
    );
  });
  after(() => removeTempDir(root));

  it('leaves no PowerShell settings in the checkout', () => {
    expect(existsSync(join(PACKAGE_ROOT, 'PSResourceGet')), 'a PSResourceGet folder in the checkout').to.equal(false);
    expect(existsSync(join(PACKAGE_ROOT, 'NuGet')), 'a NuGet folder in the checkout').to.equal(false);
  });

  it('is a nupkg of the version in package.json, with a manifest that Test-ModuleManifest accepts', () => {
    const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(built.nupkg).to.equal(join(root, 'out', 'repository', `AADSyncKey.${version}.nupkg`));
    expect(existsSync(built.nupkg)).to.equal(true);
    expect(run.installedVersion).to.equal(version);
    expect(run.manifestValid).to.equal(true);
    expect(run.projectUri).to.match(/^https:\/\//);
    expect(run.helpSynopsis).to.match(/\S{10,}/);
    expect(run.aboutHelp).to.equal(true);
  });

  it('installs under the scratch HOME and diagnoses and recovers a simulated server with no Node.js on PATH', () => {
    expect(run.nodeOnPath).to.equal(false);
    expect(run.moduleBase.startsWith(join(root, 'home'))).to.equal(true);
    expect(run.coreChoice).to.have.length(1);
    expect(run.coreChoice[0]).to.include('single executable').and.include(run.moduleBase);
    expect(run.coreProcess.every((path) => path.startsWith(run.moduleBase))).to.equal(true);
    expect(run.before).to.equal('KeyInaccessible');
    expect(run.outcome).to.equal('Succeeded');
    expect(run.after).to.equal(true);
    expect(filesContaining(join(root, 'work', 'data'), CANARY_PASSWORD)).to.deep.equal([]);
  });

  it('carries a Windows executable: a PE file holding the core blob, built on the same Node LTS line', () => {
    const windows = readFileSync(built.executables.windows);
    expect(windows.readUInt16LE(0)).to.equal(0x5a4d);
    expect(windows.toString('latin1', windows.readUInt32LE(0x3c), windows.readUInt32LE(0x3c) + 4)).to.equal('PE\0\0');
    expect(windows.includes(Buffer.from('NODE_SEA_BLOB', 'utf16le'))).to.equal(true);
    expect(Number(SEA_NODE_VERSION.split('.')[0])).to.be.oneOf([22, 24]);
    expect(statSync(built.executables.linux).mode & 0o111).to.not.equal(0);
    expect(existsSync(built.bundle)).to.equal(true);
  });
});
