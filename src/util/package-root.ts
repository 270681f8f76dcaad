import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set by the package build (src/packaging/bundle-core.ts): the core is then one file in the module package's
// core/ folder, with the PowerShell files in core/powershell beside it.
declare const AADSYNCKEY_BUNDLED: boolean | undefined;
const bundled = typeof AADSYNCKEY_BUNDLED !== 'undefined' && AADSYNCKEY_BUNDLED;

// Compiled files live in dist/src/<folder>/, sources in src/<folder>/; both sit two levels below the root
// of their tree, and the compiled tree is one deeper.
const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (or, bundled, the package's core folder), found from this file's place. */
export const PACKAGE_ROOT = bundled ? here : here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');

/** Where the PowerShell files that ship with the core live (they are not compiled, so always under src/). */
export const POWERSHELL_ROOT = bundled ? join(here, 'powershell') : join(PACKAGE_ROOT, 'src', 'powershell');
