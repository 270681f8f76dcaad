import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeBinary } from './node-binaries.js';

/** The fuse Node looks for to know that a blob was injected (from Node's single-executable documentation). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The executable's name for a platform. */
export function executableName(platform: NodeBinary['platform']): string {
  return platform === 'win-x64' ? 'aadsynckey-core-win-x64.exe' : 'aadsynckey-core-linux-x64';
}

/**
 * Makes the preparation blob of the CommonJS core with `builder` (the Linux node of the same version: a blob is
 * read only by the Node that made it). No snapshot and no code cache, so one blob serves both platforms.
 */
export function makeSeaBlob(builder: NodeBinary, mainFile: string, workFolder: string): string {
  const blob = join(workFolder, 'sea-prep.blob');
  const config = join(workFolder, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: mainFile, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }));
  execFileSync(builder.path, ['--experimental-sea-config', config], { stdio: 'pipe' });
  return blob;
}

/**
 * Copies a platform's node binary and injects the blob with postject. The Windows binary's Authenticode signature
 * is removed first (osslsigncode): injecting invalidates it anyway, and signing the result is the release step.
 */
export function makeExecutable(binary: NodeBinary, blob: string, outFolder: string, postject: string): string {
  const target = join(outFolder, executableName(binary.platform));
  rmSync(target, { force: true });
  if (binary.platform === 'win-x64') {
    execFileSync('osslsigncode', ['remove-signature', '-in', binary.path, '-out', target], { stdio: 'pipe' });
  } else {
    copyFileSync(binary.path, target);
  }
  chmodSync(target, 0o755);
  execFileSync(process.execPath, [postject, target, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], { stdio: 'pipe' });
  return target;
}

/** Whether a file is a PE (Windows) executable holding a NODE_SEA_BLOB resource with this blob's bytes. */
export function peHoldsBlob(executable: string, blob: string): boolean {
  const bytes = readFileSync(executable);
  const isPe = bytes.readUInt16LE(0) === 0x5a4d && bytes.toString('latin1', bytes.readUInt32LE(0x3c), bytes.readUInt32LE(0x3c) + 4) === 'PE\0\0';
  const blobBytes = readFileSync(blob);
  // The resource name is stored in UTF-16, as PE resource names are.
  const named = bytes.includes(Buffer.from('NODE_SEA_BLOB', 'utf16le'));
  // postject flips the fuse's last character from 0 to 1.
  const fused = bytes.includes(Buffer.from(`${SEA_FUSE}:1`, 'latin1'));
  return isPe && named && fused && bytes.includes(blobBytes.subarray(0, Math.min(4096, blobBytes.length)));
}
