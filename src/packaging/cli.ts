#!/usr/bin/env node
// `node dist/src/packaging/cli.js [--out DIR]` (npm run package): builds the module package into DIR
// (dist/package by default) and prints where its parts are.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { buildPackage } from './build-package.js';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 && args[outIndex + 1] !== undefined ? args[outIndex + 1]! : join(PACKAGE_ROOT, 'dist', 'package');

const built = await buildPackage(out);
process.stdout.write(`Module folder:      ${built.moduleFolder}\nBundled core:       ${built.bundle}\nLinux executable:   ${built.executables.linux}\nWindows executable: ${built.executables.windows}\nPackage:            ${built.nupkg}\n`);
