import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_DEFINITIONS } from '../../../src/commands/registry.js';
import { generateAll } from '../../../src/generator/generate.js';
import { readManifestInfo } from '../../../src/generator/manifest-info.js';
import { PACKAGE_ROOT } from '../../../src/util/package-root.js';

const manifestInfo = readManifestInfo(PACKAGE_ROOT);

describe('generated files', () => {
  const fresh = generateAll(COMMAND_DEFINITIONS, manifestInfo);

  for (const [relativePath, content] of fresh) {
    it(`${relativePath} equals a fresh generation (run npm run generate if not)`, () => {
      expect(readFileSync(join(PACKAGE_ROOT, relativePath), 'utf8')).to.equal(content);
    });
  }

  it('generates the same bytes twice', () => {
    const again = generateAll(COMMAND_DEFINITIONS, manifestInfo);
    expect([...again.entries()]).to.deep.equal([...fresh.entries()]);
  });

  it('labels every generated file as generated (the about topic, which Get-Help shows as it is, in psmodule/README.md)', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'psmodule', 'README.md'), 'utf8');
    for (const [relativePath, content] of fresh) {
      if (relativePath.endsWith('.help.txt')) {
        expect(content, relativePath).not.to.include('auto-generated');
        expect(readme).to.include(`\`${relativePath.replace('psmodule/', '')}\` | generated`);
      } else {
        expect(content, relativePath).to.include('Do not edit');
      }
    }
  });

  it('exports exactly the defined commands, explicitly', () => {
    const manifest = fresh.get('psmodule/AADSyncKey.psd1') ?? '';
    for (const command of COMMAND_DEFINITIONS) expect(manifest).to.include(`'${command.name}'`);
    expect(manifest).not.to.match(/FunctionsToExport\s*=\s*'\*'/);
    expect(manifest).to.include("CompatiblePSEditions = @('Desktop', 'Core')");
    expect(manifest).to.include("PowerShellVersion    = '5.1'");
  });
});
