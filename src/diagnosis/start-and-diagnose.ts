import { readServerSnapshot } from '../adsync/server-snapshot.js';
import { ServiceStartError, startedCleanly, startService, type ServiceStartOutcome } from '../operations/start-service.js';
import type { OperationContext } from '../operations/run-script.js';
import { diagnose } from './diagnose.js';

/**
 * Starts the service if needed, checks no new 6028 was logged, and unless told not to runs a delta cycle. A start
 * that fails is a ServiceStartError with the start's facts and a fresh diagnosis of the server as fields (and in
 * its message, which is what the administrator reads).
 */
export async function startAndVerify(context: OperationContext, timeoutSeconds: number, skipSyncCycle: boolean): Promise<ServiceStartOutcome> {
  const outcome = await startService(context, timeoutSeconds, skipSyncCycle);
  if (!startedCleanly(outcome)) {
    const diagnosis = diagnose(await readServerSnapshot(context.session, context.streams));
    throw new ServiceStartError(outcome, { status: diagnosis.status, summary: diagnosis.summary, recommendedAction: diagnosis.recommendedAction });
  }
  return outcome;
}
