import type { CommandDefinition } from '../commands/command-definition.js';
import { quotePowerShellLiteral } from '../session/quoting.js';
import { generatedHeader } from './generated-header.js';

/** What the manifest says about the module besides its commands. */
export interface ManifestInfo {
  readonly version: string;
  readonly description: string;
  /** package.json's homepage: the manifest's ProjectUri; the license is LICENSE there. */
  readonly projectUri: string;
  /** What changed in this version (docs/release-notes.md, the section of this version). */
  readonly releaseNotes: string;
}

/** The files of the module beside the manifest, in every layout (checkout and package): the manifest's FileList. */
export const MODULE_FILES = [
  'AADSyncKey.psm1',
  'AADSyncKey.format.ps1xml',
  'AADSyncKey.Exceptions.cs',
  'bridge/CoreBridge.ps1',
  'en-US/about_AADSyncKey.help.txt',
] as const;

// Fixed, so every generation emits the same manifest.
const MODULE_GUID = '3d1f7a8e-5c2b-4e61-9b0d-7a4c2e9f1b53';

/** Emits AADSyncKey.psd1 with an explicit export list, both editions, and PowerShell 5.1 as the floor. */
export function emitPsd1(commands: readonly CommandDefinition[], info: ManifestInfo): string {
  const functions = commands.map((command) => `        ${quotePowerShellLiteral(command.name)}`).join('\n');
  return `${generatedHeader('#')}
@{
    RootModule           = 'AADSyncKey.psm1'
    ModuleVersion        = ${quotePowerShellLiteral(info.version)}
    GUID                 = '${MODULE_GUID}'
    Author               = 'AADSyncKey'
    CompanyName          = 'AADSyncKey'
    Copyright            = '(c) AADSyncKey contributors. MIT License.'
    Description          = ${quotePowerShellLiteral(info.description)}
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # No FormatsToProcess: the bridge loads AADSyncKey.format.ps1xml with the first output, not at import.
    FunctionsToExport    = @(
${functions}
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FileList             = @(
${['AADSyncKey.psd1', ...MODULE_FILES].map((file) => `        ${quotePowerShellLiteral(file)}`).join('\n')}
    )
    HelpInfoURI          = ${quotePowerShellLiteral(`${info.projectUri}/tree/main/docs/reference`)}
    PrivateData          = @{
        PSData = @{
            Tags         = @('AzureADConnect', 'EntraConnect', 'ADSync', 'EncryptionKey', 'Recovery', 'Windows')
            ProjectUri   = ${quotePowerShellLiteral(info.projectUri)}
            LicenseUri   = ${quotePowerShellLiteral(`${info.projectUri}/blob/main/LICENSE`)}
            ReleaseNotes = ${quotePowerShellLiteral(info.releaseNotes)}
        }
    }
}
`;
}
