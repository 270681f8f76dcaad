import { ALL_ERROR_FAMILIES } from '../errors/error-families.js';
import { generatedHeader } from './generated-header.js';

/**
 * Emits psmodule/AADSyncKey.Exceptions.cs: the exception type of each error family, which the bridge compiles with
 * Add-Type when it first raises an error (C# 5, so Windows PowerShell 5.1 compiles it too).
 */
export function emitExceptions(): string {
  const family = (name: string): string[] => [
    `    /// <summary>An AADSyncKey error of the ${name} family; its ErrorRecord's ErrorId names the exact error.</summary>`,
    `    public class ${name}Exception : AADSyncKeyException { public ${name}Exception(string message, string errorId) : base(message, errorId) { } }`,
  ];
  return [
    generatedHeader('//'),
    'namespace AADSyncKey',
    '{',
    '    /// <summary>Every error the AADSyncKey module raises.</summary>',
    '    public class AADSyncKeyException : System.Exception',
    '    {',
    '        public AADSyncKeyException(string message, string errorId) : base(message) { ErrorId = errorId; }',
    '        /// <summary>The stable ErrorId (about_AADSyncKey lists them).</summary>',
    '        public string ErrorId { get; private set; }',
    '    }',
    ...ALL_ERROR_FAMILIES.flatMap(family),
    '}',
    '',
  ].join('\n');
}
