import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { locatePwsh } from '../session/pwsh-locator.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { BUNDLE_FILE, bundleCore, SEA_MAIN_FILE } from './bundle-core.js';
import { layOutModuleFolder } from './module-folder.js';
import { nodeBinary, SEA_NODE_VERSION } from './node-binaries.js';
import { makeExecutable, makeSeaBlob, peHoldsBlob } from './single-executable.js';

/** What a package build made. */
export interface PackageBuild {
  readonly moduleFolder: string;
  readonly bundle: string;
  readonly executables: { readonly linux: string; readonly windows: string };
  readonly nupkg: string;
}

/**
 * `npm run package`: the module folder with the bundled core and the single executables for Linux and Windows
 * x64, published as AADSyncKey.<version>.nupkg into the folder repository `<out>/repository`.
 */
export async function buildPackage(outFolder: string, cacheFolder = join(PACKAGE_ROOT, '.tools', 'sea')): Promise<PackageBuild> {
  const moduleFolder = join(outFolder, 'AADSyncKey');
  const { coreFolder } = layOutModuleFolder(moduleFolder);
  await bundleCore(coreFolder, `node${SEA_NODE_VERSION.split('.')[0] ?? '22'}`);

  const work = join(outFolder, 'sea-work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const linuxNode = nodeBinary('linux-x64', cacheFolder);
  const windowsNode = nodeBinary('win-x64', cacheFolder);
  const blob = makeSeaBlob(linuxNode, join(coreFolder, SEA_MAIN_FILE), work);
  const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
  const linux = makeExecutable(linuxNode, blob, coreFolder, postject);
  const windows = makeExecutable(windowsNode, blob, coreFolder, postject);
  if (!peHoldsBlob(windows, blob)) throw new Error(`${windows} is not a PE file holding the core's blob.`);
  rmSync(join(coreFolder, SEA_MAIN_FILE));

  const repository = join(outFolder, 'repository');
  rmSync(repository, { recursive: true, force: true });
  const scratchHome = join(work, 'home');
  // .NET answers an empty path for a special folder that does not exist, and PSResourceGet then writes its
  // settings relative to the working directory: make every folder it may use, and work inside the scratch HOME.
  const scratchFolders = { XDG_DATA_HOME: join(scratchHome, 'data'), XDG_CONFIG_HOME: join(scratchHome, 'config'), XDG_CACHE_HOME: join(scratchHome, 'cache') };
  for (const folder of [scratchHome, ...Object.values(scratchFolders)]) mkdirSync(folder, { recursive: true });
  const published = execFileSync(locatePwsh(), ['-NoProfile', '-NonInteractive', '-File', join(PACKAGE_ROOT, 'src', 'packaging', 'Publish-ModulePackage.ps1'), '-ModuleFolder', moduleFolder, '-Repository', repository], {
    encoding: 'utf8',
    cwd: scratchHome,
    env: { ...process.env, HOME: scratchHome, ...scratchFolders },
  });
  rmSync(work, { recursive: true, force: true });
  return { moduleFolder, bundle: join(coreFolder, BUNDLE_FILE), executables: { linux, windows }, nupkg: published.trim().split('\n').pop()?.trim() ?? '' };
}
