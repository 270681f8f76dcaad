import { hostname } from 'node:os';
import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import { objectSchema, resultSchema, runScript, type OperationContext, type ResultOf } from './run-script.js';
import { AUDIT_EVENTS, writeAuditEvent } from './audit-event.js';
import { currentUser } from './server-lock.js';

// What the server's record of its last key abandon (%ProgramData%\AADSyncKey\abandon.json) must hold to be trusted;
// the other fields are read when present. state InFlight: miiskmu /a was started and its end not recorded (it runs,
// or its session was ended).
const RECORD = objectSchema(
  {
    state: { enum: ['InFlight', 'Done', 'Failed', 'TimedOut'] }, recoveryId: { type: 'string' }, journalPath: { type: 'string' },
    operator: { type: 'string' }, coreHost: { type: 'string' }, miiskmuPid: { type: ['integer', 'null'] }, startedAt: { type: 'string' },
    endedAt: { type: ['string', 'null'] }, exitCode: { type: ['integer', 'null'] },
  },
  ['journalPath', 'operator', 'coreHost', 'miiskmuPid', 'endedAt', 'exitCode'],
);

/** The server's record of its last key abandon. */
export type AbandonRecord = ResultOf<typeof RECORD>;

// Remove-EncryptionKey.ps1's result. ran: whether this call ran miiskmu /a (false: the service would not stop, or an
// earlier /a was still running); earlier: the record of an /a that was still running when this call came (it was
// waited for, not repeated).
const ABANDONMENT = objectSchema({
  ran: { type: 'boolean' }, stoppedNow: { type: 'boolean' }, serviceStatus: { type: ['string', 'null'] }, miiskmuPath: { type: ['string', 'null'] },
  exitCode: { type: ['integer', 'null'] }, output: { type: 'string' }, timedOut: { type: 'boolean' },
  earlier: { anyOf: [{ type: 'null' }, RECORD] }, earlierStillRunning: { type: 'boolean' }, cycleRunning: { type: 'boolean' },
});

/** What stopping the service and abandoning the key did, as read back from the server. */
export type KeyAbandonment = ResultOf<typeof ABANDONMENT>;

const validateAbandonment = resultSchema(ABANDONMENT);

// Get-KeyAbandonRecord.ps1's result.
const validateRecordAnswer = resultSchema(objectSchema({ record: { anyOf: [{ type: 'null' }, RECORD] }, stillRunning: { type: 'boolean' } }));

/** The text miiskmu prints when the service still runs. */
const SERVICE_RUNNING_CODE = '80131600';

/** Who asks for an abandon: the server's record names the recovery and its journal, so any later run finds them. */
export interface AbandonRequester {
  readonly recoveryId?: string;
  readonly journalPath?: string;
}

function inFlightError(record: AbandonRecord): AADSyncKeyError {
  return new AADSyncKeyError(
    'KeyAbandonInFlight',
    `miiskmu.exe /a started at ${record.startedAt}${record.recoveryId === '' ? '' : ` by recovery ${record.recoveryId}`} (process ${String(record.miiskmuPid)}) is still running on the server; the key was not abandoned again.`,
    { target: 'miiskmu.exe' },
  );
}

/**
 * Stops the service and abandons the key with miiskmu.exe /a (standard input closed, a time limit). miiskmu's
 * exit codes are not documented, so a zero exit is only its claim: the proof is the next start, which must make a
 * new key. Never runs a second /a while an earlier one still runs; when an earlier one ended while this waited,
 * the result says so (ran false, earlier set) and the caller decides from the server what it did.
 */
export async function abandonKey(context: OperationContext, timeoutSeconds: number, requester: AbandonRequester = {}): Promise<KeyAbandonment> {
  const outcome = await runScript(context, {
    script: 'Remove-EncryptionKey',
    arguments: { TimeoutSeconds: timeoutSeconds, RecoveryId: requester.recoveryId ?? '', JournalPath: requester.journalPath ?? '', Operator: currentUser(), CoreHost: hostname() },
    // A running cycle, the stop and miiskmu may each take up to the time limit.
    timeoutMs: (timeoutSeconds * 3 + 60) * 1000,
  }, validateAbandonment);
  if (outcome.earlier !== null) {
    if (outcome.earlierStillRunning) throw inFlightError(outcome.earlier);
    return outcome;
  }
  if (outcome.cycleRunning) {
    throw new AADSyncKeyError('ServiceStopFailed', `A sync cycle was still running after ${timeoutSeconds} seconds, so the ADSync service was not stopped and the key was not abandoned: Microsoft's runbook says to wait until it completes. Nothing was changed. Run the command again when the cycle has ended (Get-ADSyncScheduler shows SyncCycleInProgress), or with a larger -TimeoutSeconds.`, { target: 'ADSync' });
  }
  if (outcome.serviceStatus !== 'Stopped' || outcome.output.includes(SERVICE_RUNNING_CODE)) {
    throw new AADSyncKeyError('ServiceStopFailed', `The ADSync service is ${outcome.serviceStatus}, so the key was not abandoned. ${outcome.output}`.trim(), { target: 'ADSync' });
  }
  if (!outcome.timedOut && outcome.exitCode === 0) {
    await writeAuditEvent(context, AUDIT_EVENTS.keyAbandoned, `The encryption key of the ADSync service was abandoned (miiskmu.exe /a exited 0)${requester.recoveryId === undefined || requester.recoveryId === '' ? '' : ` by recovery ${requester.recoveryId}`}; every stored credential must be entered again.`);
  }
  if (outcome.timedOut || outcome.exitCode !== 0) {
    throw new AADSyncKeyError(
      'KeyAbandonFailed',
      outcome.timedOut
        ? `miiskmu.exe /a did not finish within ${timeoutSeconds} seconds and was ended ("${outcome.output}"); whether it abandoned the key is shown by the next start of the service.`
        : `miiskmu.exe /a exited ${String(outcome.exitCode)} ("${outcome.output}"); the key was not abandoned.`,
      { target: outcome.miiskmuPath ?? 'miiskmu.exe' },
    );
  }
  return outcome;
}

/** The server's abandon record, after waiting up to `waitSeconds` for a miiskmu /a that still runs. */
export async function readAbandonRecord(context: OperationContext, waitSeconds: number): Promise<{ record: AbandonRecord | null; stillRunning: boolean }> {
  return runScript(context, { script: 'Get-KeyAbandonRecord', arguments: { WaitSeconds: waitSeconds }, timeoutMs: (waitSeconds + 60) * 1000 }, validateRecordAnswer);
}
