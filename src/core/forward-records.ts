import type { StreamRecord } from '../session/session-types.js';
import type { StreamSink } from './command-context.js';

/**
 * Passes what a session script wrote to its other streams on to the cmdlet: verbose and information as verbose,
 * warnings and non-terminating errors as warnings (the command went on, but the admin should see them).
 */
export function forwardSessionRecords(records: readonly StreamRecord[], streams: Pick<StreamSink, 'verbose' | 'warning'>): void {
  for (const record of records) {
    if (record.kind === 'verbose' || record.kind === 'information') streams.verbose(record.message);
    else streams.warning(record.message);
  }
}
