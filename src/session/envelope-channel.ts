import { AADSyncKeyError, PowerShellCommandError } from '../errors/aadsynckey-error.js';
import type { JsonValue } from '../util/json.js';
import type { Envelope } from './envelope.js';
import { SecretSealer, type SealedSecret, type SessionPublicKey } from './secret-sealer.js';
import type { SessionInvocation, SessionResult } from './session-types.js';

/** Sends one request to a session host (here, or in a remote session) and returns its decoded answer. */
export type SendEnvelope = (request: Record<string, JsonValue | object>, timeoutMs: number) => Promise<Envelope>;

/** The key pair of the host at the other end, made there on the first request that carries a credential. */
export interface SealerHolder {
  sealer: SecretSealer | undefined;
}

/**
 * Runs one invocation through a session host: credentials are sealed with that host's own public key first, so a
 * secret crosses every process boundary (and a remoting channel) only sealed. A failed script becomes an error.
 */
export async function invokeThroughHost(send: SendEnvelope, holder: SealerHolder, invocation: SessionInvocation, timeoutMs: number, keyTimeoutMs: number): Promise<SessionResult> {
  const credentials: Record<string, { userName: string; password: SealedSecret }> = {};
  const given = Object.entries(invocation.credentials ?? {});
  if (given.length > 0) {
    if (holder.sealer === undefined) {
      const keyEnvelope = await send({ script: 'Initialize-SecretChannel' }, keyTimeoutMs);
      if (!keyEnvelope.ok && keyEnvelope.error !== null) throw hostError(keyEnvelope, 'Initialize-SecretChannel');
      holder.sealer = new SecretSealer(keyEnvelope.output[0] as SessionPublicKey);
    }
    for (const [name, credential] of given) {
      credentials[name] = { userName: credential.userName, password: holder.sealer.seal(credential.password) };
    }
  }
  const envelope = await send(
    { script: invocation.script, arguments: invocation.arguments ?? {}, credentials, verbose: invocation.verbose !== false },
    timeoutMs,
  );
  if (!envelope.ok && envelope.error !== null) throw hostError(envelope, invocation.script);
  return { output: envelope.output, records: envelope.records };
}

/** The error of a failed answer: the remoting failures have codes of their own, the rest keep PowerShell's. */
export function hostError(envelope: Envelope, script: string): AADSyncKeyError {
  const info = envelope.error;
  if (info === null) return new AADSyncKeyError('ProtocolViolation', `${script} failed without saying why.`);
  const id = info.fullyQualifiedErrorId.split(',')[0] ?? '';
  // Errors the session's own scripts raise with a code of the core's (the server folder's checks among them).
  if (id === 'RemoteSessionLost' || id === 'RemoteConnectionFailed' || id === 'PowerShellTimeout' || id === 'ServerFolderUntrusted' || id === 'ServerRecordCorrupt') {
    return new AADSyncKeyError(id, info.message, { target: info.targetObject ?? undefined });
  }
  return new PowerShellCommandError(info, script);
}

/** A remote server's default time limit for one command, and for connecting to it. */
export const REMOTE_TIMEOUTS_MS = { command: 120_000, connect: 60_000 } as const;

/**
 * Connects the session host at the far end of a PSSession to its server's commands (Connect-Target, kind
 * server). A far end that cannot load them is RemoteConnectionFailed, naming the server.
 */
export async function connectFarEnd(send: SendEnvelope, computerName: string): Promise<void> {
  const envelope = await send({ script: 'Connect-Target', arguments: { Kind: 'server' } }, REMOTE_TIMEOUTS_MS.connect);
  if (envelope.ok) return;
  const error = hostError(envelope, 'Connect-Target');
  throw error.code === 'PowerShellCommandFailed'
    ? new AADSyncKeyError('RemoteConnectionFailed', `[${computerName}] ${error.message}`, { target: computerName, cause: error })
    : error;
}
