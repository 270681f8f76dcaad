// The public TypeScript API of the AADSyncKey core, for embedding and for the API reference (npm run docs:api).

/**
 * @example
 * ```ts
 * const session = new PowerShellSession({ target: { kind: 'simulator', statePath: '/tmp/sim' } });
 * const snapshot = await readServerSnapshot(session, { verbose: console.log, warning: console.warn });
 * await session.dispose();
 * ```
 */
export { PowerShellSession, type PowerShellSessionOptions } from './session/powershell-session.js';
export type { PowerShellSessionLike, ServerTarget, SessionInvocation, SessionResult, StreamRecord } from './session/session-types.js';
export { Secret, type SecretCredential } from './session/secret.js';
export { quotePowerShellLiteral } from './session/quoting.js';
export { locatePwsh } from './session/pwsh-locator.js';
export { readServerSnapshot, type ServerSnapshot, type ConnectorSnapshot, type ServerEvent, type RunResultSnapshot } from './adsync/server-snapshot.js';
export { AADSyncKeyError, PowerShellCommandError, type AADSyncKeyErrorOptions, type PowerShellErrorInfo } from './errors/aadsynckey-error.js';
export { ERROR_CODES, ALL_ERROR_CODES, type ErrorCode, type ErrorCodeInfo, type PowerShellErrorCategory } from './errors/error-codes.js';
export { serveStdio, type StdioServerOptions } from './cli/stdio-server.js';
export { COMMAND_DEFINITIONS } from './commands/registry.js';
export type { CommandDefinition, ParameterDefinition, ParameterType, ExampleDefinition, ViewDefinition, ViewColumn } from './commands/command-definition.js';
export type { SessionFactory } from './cli/session-pool.js';
export type { JsonValue } from './util/json.js';
