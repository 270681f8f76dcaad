import type { CommandDefinition } from '../command-definition.js';
import { timeoutParameter } from '../common-parameters.js';
import { OUTPUT_TYPE } from '../../core/output-types.js';

/** Backup-AADSyncEncryptionKey: export the key set before a service account change. */
export const backupEncryptionKeyDefinition = {
  name: 'Backup-AADSyncEncryptionKey',
  synopsis: 'Exports the sync service\'s encryption key set to a file with miiskmu.exe /e.',
  description: [
    'Exports the key set for safekeeping, for example before the service account\'s password is changed, so the key can be imported',
    '(miiskmu.exe /i) instead of abandoned. It refuses when the key cannot be read (KeyUnreadable: there is nothing to back up) and',
    'will not overwrite an existing file unless -Force is given.',
    '',
    'With -Credential, miiskmu is run with /u:<user> * so that it asks for the password, and the password is written to its prompt:',
    'it never appears on miiskmu\'s command line, where every process on the server could read it.',
  ].join('\n'),
  parameters: [
    { name: 'Path', type: 'path', mandatory: true, position: 0, help: 'The file to write the key set to. Keep it somewhere safe: with it the stored credentials can be decrypted.' },
    { name: 'Credential', type: 'PSCredential', help: 'The account miiskmu exports the key set as (its /u: option), for example the service account.' },
    { name: 'Force', type: 'switch', help: 'Overwrite the file if it exists.' },
    timeoutParameter(60, 'How long miiskmu.exe may take. A miiskmu still running then is ended and the backup fails with KeyBackupFailed, for example when it waits at a console prompt that cannot be answered from here.'),
  ],
  examples: [
    { title: 'Back up the key', code: "Backup-AADSyncEncryptionKey -Path 'D:\\Backup\\adsync-keyset.bin'", remarks: 'Writes the key set with miiskmu.exe /e.' },
    { title: 'Back up as the service account', code: "Backup-AADSyncEncryptionKey -Path 'D:\\Backup\\adsync-keyset.bin' -Credential (Get-Credential 'CONTOSO\\AAD_1a2b3c4d5e6f') -Force", remarks: 'The password goes to miiskmu\'s prompt, not its command line; an older backup file is replaced.' },
    { title: 'Preview', code: "Backup-AADSyncEncryptionKey -Path 'D:\\Backup\\adsync-keyset.bin' -WhatIf", remarks: 'Checks the key is readable and says what would be written; writes nothing.' },
  ],
  outputTypes: [OUTPUT_TYPE.KeyBackup],
  links: ['Test-AADSyncEncryptionKey', 'Remove-AADSyncEncryptionKey'],
  confirmImpact: 'Low',
  remoting: true,
  views: [
    {
      typeName: OUTPUT_TYPE.KeyBackup,
      kind: 'table',
      columns: [
        { label: 'Path', property: 'Path', width: 50 },
        { label: 'Length', property: 'Length', width: 8 },
        { label: 'ExportedAs', property: 'ExportedAs', width: 30 },
      ],
    },
  ],
} as const satisfies CommandDefinition;
