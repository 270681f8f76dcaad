import { ALL_ERROR_CODES, ERROR_CODES } from '../errors/error-codes.js';
import { generatedHeader } from './generated-header.js';

/** Emits docs/reference/errors.md from the one table of error codes. */
export function emitErrorsDoc(): string {
  const rows = ALL_ERROR_CODES.map((code) => {
    const info = ERROR_CODES[code];
    return `| \`${code}\` | ${info.category} | ${info.meaning} | ${info.whatToDo} |`;
  });
  return [
    `<!--\n${generatedHeader('')}\n-->`,
    '# Error codes',
    '',
    'Every error the module raises is an ErrorRecord whose ErrorId (the part of `FullyQualifiedErrorId` before the comma) is one of these codes.',
    "When a command on the server failed, the message carries PowerShell's own text and the core keeps the original `FullyQualifiedErrorId`.",
    '',
    '| ErrorId | Category | Meaning | What to do |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
