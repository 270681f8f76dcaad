import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../util/package-root.js';
import type { ServerTarget } from './session-types.js';

/**
 * Which PowerShell executable the session runs: AADSYNCKEY_PWSH when set; on Windows against the real server (here
 * or over WinRM),
 * Windows PowerShell 5.1 (powershell.exe), the edition the ADSync module is built for (a .NET Framework module
 * whose manifest names no PowerShell 7 edition); else the project's own PowerShell 7 (scripts/install-pwsh.sh
 * installs it and a one-process wrapper, .tools/bin/pwsh), else `pwsh` from PATH.
 */
export function locatePwsh(env: NodeJS.ProcessEnv = process.env, target?: ServerTarget, platform: NodeJS.Platform = process.platform): string {
  const configured = env['AADSYNCKEY_PWSH'];
  if (configured !== undefined && configured !== '') {
    return configured;
  }
  // WinRM remoting works from Windows PowerShell too (SSH remoting needs PowerShell 7).
  if (platform === 'win32' && (target?.kind === 'local' || (target?.kind === 'remote' && target.connection.transport === 'WSMan'))) return 'powershell.exe';
  const projectLocal = platform === 'win32' ? join(PACKAGE_ROOT, '.tools', 'pwsh', 'pwsh.exe') : join(PACKAGE_ROOT, '.tools', 'bin', 'pwsh');
  return existsSync(projectLocal) ? projectLocal : 'pwsh';
}
