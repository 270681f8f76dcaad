import type { OutputTypeName } from './output-types.js';
import type { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { SecretCredential } from '../session/secret.js';
import type { PowerShellSessionLike } from '../session/session-types.js';

/** A progress update, mapped to Write-Progress by the module. */
export interface ProgressUpdate {
  readonly activity: string;
  readonly status: string;
  readonly percentComplete?: number;
  readonly currentOperation?: string;
  readonly completed?: boolean;
}

/** Where a handler sends what the cmdlet writes to PowerShell's streams. */
export interface StreamSink {
  /** Writes an object with its PSTypeName, or (typeName null) a plain value such as a boolean. */
  output(typeName: OutputTypeName | null, data: unknown): void;
  verbose(message: string): void;
  warning(message: string): void;
  /** Writes an error the command goes on from (PowerShell's WriteError): not found for one of several names, say. */
  error(error: AADSyncKeyError): void;
  progress(update: ProgressUpdate): void;
}

/** What a command handler gets: its validated parameters, its credentials, the session, and the streams. */
export interface CommandContext<TParameters = Record<string, unknown>> {
  readonly parameters: TParameters;
  readonly credentials: Readonly<Record<string, SecretCredential>>;
  readonly session: PowerShellSessionLike;
  readonly streams: StreamSink;
  /** Where journals and connector inventories are kept for this call (the caller's AADSYNCKEY_DATA_DIR or the default). */
  readonly dataFolder: string;
  /** Whether the caller said -WhatIf (ShouldProcess answers false then, and nothing may change). */
  readonly whatIf: boolean;
  /** Asks the module's $PSCmdlet.ShouldProcess (so -WhatIf and -Confirm work per step). */
  shouldProcess(target: string, action: string): Promise<boolean>;
}

/** Runs one cmdlet's logic in the core. */
export type CommandHandler = (context: CommandContext) => Promise<void>;
