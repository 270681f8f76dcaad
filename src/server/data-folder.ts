import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where AADSyncKey keeps what must outlive a process: recovery journals and the last connector
 * inventory of each server. On Windows `%ProgramData%\AADSyncKey` (machine-wide, so another admin's session sees
 * a running recovery); elsewhere `$XDG_STATE_HOME/aadsynckey` or `~/.local/state/aadsynckey`. AADSYNCKEY_DATA_DIR
 * overrides both (tests and the demo use a folder of their own).
 */
export function dataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['AADSYNCKEY_DATA_DIR'];
  if (override !== undefined && override !== '') return override;
  if (process.platform === 'win32') return join(env['ProgramData'] ?? 'C:\\ProgramData', 'AADSyncKey');
  const stateHome = env['XDG_STATE_HOME'];
  return join(stateHome !== undefined && stateHome !== '' ? stateHome : join(homedir(), '.local', 'state'), 'aadsynckey');
}
