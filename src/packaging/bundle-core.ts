import { build, stop } from 'esbuild';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../util/package-root.js';

/** The bundled core's file names in the package's core/ folder. */
export const BUNDLE_FILE = 'aadsynckey-core.mjs';
export const SEA_MAIN_FILE = 'aadsynckey-core.cjs';

const ENTRY = join(PACKAGE_ROOT, 'src', 'cli', 'core.ts');

/**
 * Bundles the core and its dependencies into one file, twice: an ES module that `node` runs, and a CommonJS file
 * for the single executable (Node 22 runs only CommonJS as an executable's main script). node-powershell and
 * ajv are CommonJS, so the ES module gets a `require` of its own; import.meta.url, which finds the PowerShell
 * files, is the bundle's own place (core/), or in CommonJS the executable's.
 */
export async function bundleCore(coreFolder: string, nodeTarget: string): Promise<void> {
  const common = {
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node' as const,
    target: nodeTarget,
    minify: false,
    legalComments: 'inline' as const,
    logLevel: 'warning' as const,
  };
  await build({
    ...common,
    format: 'esm',
    outfile: join(coreFolder, BUNDLE_FILE),
    define: { AADSYNCKEY_BUNDLED: 'true' },
    banner: { js: "import { createRequire as aadsynckeyCreateRequire } from 'node:module';\nconst require = aadsynckeyCreateRequire(import.meta.url);" },
  });
  await build({
    ...common,
    format: 'cjs',
    outfile: join(coreFolder, SEA_MAIN_FILE),
    define: { AADSYNCKEY_BUNDLED: 'true', 'import.meta.url': 'aadsynckeyModuleUrl' },
    // In a single executable, __filename is the executable's path: the PowerShell files are beside it.
    banner: { js: "const aadsynckeyModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // esbuild keeps a service process for later builds; there are none, and it must not outlive the build.
  await stop();
}
