import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** How long a core started with stepBoundaryPauseOptions holds after the step it names. */
export const STEP_BOUNDARY_PAUSE_MS = 2500;

/**
 * The environment that loads step-boundary-pause.js into the core a module call starts (a test's set-up), holding
 * it after `stepId` is done.
 */
export function stepBoundaryPauseOptions(stepId: string): { NODE_OPTIONS: string; STEP_BOUNDARY_PAUSE_AFTER: string } {
  const preload = join(PACKAGE_ROOT, 'dist', 'test', 'helpers', 'step-boundary-pause.js');
  return { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`, STEP_BOUNDARY_PAUSE_AFTER: stepId };
}
