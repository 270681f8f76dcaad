import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** How long a core started with stepBoundaryPauseOptions holds after each step but the last. */
export const STEP_BOUNDARY_PAUSE_MS = 2500;

/** The NODE_OPTIONS that load step-boundary-pause.js into the core a module call starts (a test's set-up). */
export function stepBoundaryPauseOptions(): { NODE_OPTIONS: string } {
  const preload = join(PACKAGE_ROOT, 'dist', 'test', 'helpers', 'step-boundary-pause.js');
  return { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` };
}
