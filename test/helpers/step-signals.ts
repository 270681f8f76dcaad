import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** The files through which a test and a core started with stepSignalOptions signal each other. */
export interface StepSignalFiles {
  /** Created by the core when it holds after the step (mode hold). */
  readonly held: string;
  /** Created by the core when the step starts (mode arm): a simulator fault with this arm file acts from then on. */
  readonly armed: string;
  /** Created by the test to let a held core, or a held simulator command, go on. */
  readonly release: string;
}

/** What the preload does: hold the core after `stepId` ended, or arm a fault when `stepId` starts. */
export interface StepSignals {
  readonly mode: 'hold' | 'arm';
  readonly stepId: string;
  readonly files: StepSignalFiles;
}

const VARIABLES = { mode: 'AADSYNCKEY_TEST_STEP_SIGNAL', step: 'AADSYNCKEY_TEST_STEP_ID', folder: 'AADSYNCKEY_TEST_SIGNAL_DIR' } as const;

/** The signal files in `folder`. */
export function stepSignalFiles(folder: string): StepSignalFiles {
  return { held: join(folder, 'held'), armed: join(folder, 'armed'), release: join(folder, 'release') };
}

/**
 * The environment that loads step-signals-preload.js into the core a module call starts (a test's set-up), with
 * its signal files in `folder`.
 */
export function stepSignalOptions(mode: StepSignals['mode'], stepId: string, folder: string): Record<string, string> {
  const preload = join(PACKAGE_ROOT, 'dist', 'test', 'helpers', 'step-signals-preload.js');
  return { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`, [VARIABLES.mode]: mode, [VARIABLES.step]: stepId, [VARIABLES.folder]: folder };
}

/** The preload's side: what the environment asks for, or null. */
export function readStepSignals(env: NodeJS.ProcessEnv): StepSignals | null {
  const mode = env[VARIABLES.mode];
  const stepId = env[VARIABLES.step];
  const folder = env[VARIABLES.folder];
  if ((mode !== 'hold' && mode !== 'arm') || stepId === undefined || folder === undefined) return null;
  return { mode, stepId, files: stepSignalFiles(folder) };
}
