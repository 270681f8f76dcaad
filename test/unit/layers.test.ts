import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../src/util/package-root.js';

/**
 * The layers of src/, lowest first (docs/architecture.md draws them): a module may import from its own folder and
 * from folders below it, never from one above. The entry points (cli, generator, packaging) are the top.
 */
const LAYERS = ['util', 'errors', 'session', 'core', 'adsync', 'server', 'operations', 'diagnosis', 'recovery', 'commands', 'cli', 'generator', 'packaging'];

const SRC = join(PACKAGE_ROOT, 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

// Relative imports (static, dynamic and type-only) of a file, as absolute .ts paths.
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] ?? '');
  return found.map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0] ?? '';
}

// Every import from a file to a file of a higher layer.
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const upward: string[] = [];
  for (const [file, imports] of graph) {
    for (const target of imports) {
      if (LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file))) upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  return upward;
}

describe('the layers of src/', () => {
  const files = sourceFiles(SRC).filter((file) => layerOf(file) !== 'index.ts');
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('puts every folder of src/ in a layer', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory() && sourceFiles(join(SRC, name)).length > 0);
    expect(folders.filter((folder) => !LAYERS.includes(folder))).to.deep.equal([]);
  });

  it('has no import that runs back up a layer', () => {
    expect(upwardImports(graph)).to.deep.equal([]);
  });

  it('has no circle of imports between files', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).to.deep.equal([]);
  });

  it('finds an upward import when there is one, and reads every kind of import (the check itself works)', () => {
    const probe = new Map([[join(SRC, 'adsync', 'probe.ts'), [join(SRC, 'commands', 'registry.ts'), join(SRC, 'util', 'json.ts')]]]);
    expect(upwardImports(probe)).to.deep.equal(['adsync/probe.ts -> commands/registry.ts']);
    // core.ts has a static and a dynamic import.
    expect(importsOf(join(SRC, 'cli', 'core.ts')).map((f) => relative(SRC, f))).to.include.members(['session/powershell-session.ts', 'cli/stdio-server.ts']);
  });
});
