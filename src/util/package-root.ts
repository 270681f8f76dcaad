import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled files live in dist/src/<folder>/, sources in src/<folder>/; both sit two levels below the root
// of their tree, and the compiled tree is one deeper.
const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, found from this file's place in either the source or the compiled tree. */
export const PACKAGE_ROOT = here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');

/** Where the PowerShell files that ship with the core live (they are not compiled, so always under src/). */
export const POWERSHELL_ROOT = join(PACKAGE_ROOT, 'src', 'powershell');
