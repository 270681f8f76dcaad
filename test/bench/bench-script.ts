import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/** A PowerShell script of the benchmark (test/bench/scripts), by file name. */
export function benchScript(name: string): string {
  return join(PACKAGE_ROOT, 'test', 'bench', 'scripts', name);
}
