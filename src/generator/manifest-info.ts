import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestInfo } from './emit-psd1.js';

/**
 * The manifest's facts from their one source each: version, description and homepage from package.json, the
 * release notes from the section of that version in docs/release-notes.md ("## 0.2.0").
 */
export function readManifestInfo(root: string): ManifestInfo {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; description: string; homepage: string };
  const notes = readFileSync(join(root, 'docs', 'release-notes.md'), 'utf8');
  const section = notes.split(/^## /m).find((text) => text.startsWith(`${packageJson.version}\n`));
  if (section === undefined) throw new Error(`docs/release-notes.md has no section for version ${packageJson.version} (a line "## ${packageJson.version}").`);
  return {
    version: packageJson.version,
    description: packageJson.description,
    projectUri: packageJson.homepage,
    releaseNotes: section.slice(section.indexOf('\n') + 1).trim(),
  };
}
