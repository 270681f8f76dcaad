import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_FILES } from '../generator/emit-psd1.js';
import { PACKAGE_ROOT } from '../util/package-root.js';

/**
 * Lays out the installable module folder: the generated module and the bridge as in psmodule/, and beside them
 * core/ with what the core needs at run time: the PowerShell session host and scripts, and the simulator (the
 * simulated server the demo and tests use; on a real server it is never loaded). The bundled core and the
 * executables are added to core/ by the caller.
 */
export function layOutModuleFolder(moduleFolder: string): { coreFolder: string } {
  rmSync(moduleFolder, { recursive: true, force: true });
  mkdirSync(moduleFolder, { recursive: true });
  for (const file of ['AADSyncKey.psd1', ...MODULE_FILES]) {
    cpSync(join(PACKAGE_ROOT, 'psmodule', file), join(moduleFolder, file));
  }
  cpSync(join(PACKAGE_ROOT, 'LICENSE'), join(moduleFolder, 'LICENSE'));
  const coreFolder = join(moduleFolder, 'core');
  cpSync(join(PACKAGE_ROOT, 'src', 'powershell'), join(coreFolder, 'powershell'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'src', 'simulator'), join(coreFolder, 'simulator'), { recursive: true });
  return { coreFolder };
}
