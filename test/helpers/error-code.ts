import { AADSyncKeyError } from '../../src/errors/aadsynckey-error.js';

/** The code of the AADSyncKeyError a call throws; undefined when it throws nothing. */
export function errorCodeOf(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return error instanceof AADSyncKeyError ? error.code : 'not an AADSyncKeyError';
  }
}
