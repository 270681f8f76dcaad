#!/usr/bin/env node
// `node dist/src/generator/cli.js [--out DIR] [--check]`: writes the generated files under DIR (the repository
// root by default), or with --check lists the ones that differ from a fresh generation and exits 1.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMMAND_DEFINITIONS } from '../commands/registry.js';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { generateAll } from './generate.js';
import { readManifestInfo } from './manifest-info.js';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const root = outIndex >= 0 && args[outIndex + 1] !== undefined ? args[outIndex + 1]! : PACKAGE_ROOT;
const check = args.includes('--check');

const files = generateAll(COMMAND_DEFINITIONS, readManifestInfo(PACKAGE_ROOT));

const stale: string[] = [];
for (const [relativePath, content] of files) {
  const path = join(root, relativePath);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(relativePath);
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, 'utf8');
}
if (stale.length > 0) {
  process.stderr.write(`Generated files differ from a fresh generation (run npm run generate): ${stale.join(', ')}\n`);
  process.exit(1);
}
