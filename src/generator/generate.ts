import type { CommandDefinition } from '../commands/command-definition.js';
import { emitAbout } from './emit-about.js';
import { emitCmdletDoc } from './emit-cmdlet-doc.js';
import { emitErrorsDoc } from './emit-errors-doc.js';
import { emitExceptions } from './emit-exceptions.js';
import { emitFormat } from './emit-format.js';
import { emitPsd1, type ManifestInfo } from './emit-psd1.js';
import { emitPsm1 } from './emit-psm1.js';

/** Every generated file, by its path relative to the repository root. */
export function generateAll(commands: readonly CommandDefinition[], info: ManifestInfo): Map<string, string> {
  return new Map([
    ['psmodule/AADSyncKey.psd1', emitPsd1(commands, info)],
    ['psmodule/AADSyncKey.psm1', emitPsm1(commands)],
    ['psmodule/AADSyncKey.format.ps1xml', emitFormat(commands)],
    ['psmodule/AADSyncKey.Exceptions.cs', emitExceptions()],
    ['psmodule/en-US/about_AADSyncKey.help.txt', emitAbout(commands)],
    ['docs/reference/errors.md', emitErrorsDoc()],
    ...commands.map((command): [string, string] => [`docs/reference/${command.name}.md`, emitCmdletDoc(command)]),
  ]);
}
