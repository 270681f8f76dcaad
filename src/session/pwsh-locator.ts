import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../util/package-root.js';

/**
 * Which PowerShell executable the session runs: AADSYNCKEY_PWSH when set, else the project's own
 * PowerShell 7 (scripts/install-pwsh.sh installs it and a one-process wrapper, .tools/bin/pwsh), else `pwsh` from PATH.
 */
export function locatePwsh(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['AADSYNCKEY_PWSH'];
  if (configured !== undefined && configured !== '') {
    return configured;
  }
  const projectLocal = process.platform === 'win32' ? join(PACKAGE_ROOT, '.tools', 'pwsh', 'pwsh.exe') : join(PACKAGE_ROOT, '.tools', 'bin', 'pwsh');
  return existsSync(projectLocal) ? projectLocal : 'pwsh';
}
