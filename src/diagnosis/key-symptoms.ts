// The codes and texts that tell the look-alike failures apart (../shared/domain.md, "Symptoms").

/** Win32_Service.ExitCode when the service stopped with a service-specific error. */
export const SERVICE_SPECIFIC_ERROR = 1066;
/** Win32_Service.ExitCode when the SCM could not log the service account on. */
export const LOGON_FAILURE_EXIT_CODE = 1069;

/**
 * The service-specific code of an unreadable key: 0x80231000, read as uint32 (2149781504) or int32 (-2145185792).
 * Microsoft's documented -21451857952 has 11 digits, cannot be a 32-bit code, and is taken as a misprint of it.
 */
export const KEY_SYMPTOM_CODES: ReadonlySet<number> = new Set([2149781504, -2145185792, -21451857952]);

export const EVENT_KEY_INACCESSIBLE = 6028;
export const EVENT_LOGON_FAILED_PASSWORD = 7038;
/** The service account lacks the right to log on as a service. */
export const EVENT_LOGON_RIGHT_MISSING = 7041;
/** 7000's reason for a logon failure, as its event data holds it in every language (a message-table reference). */
export const LOGON_FAILURE_REASON = '%%1069';
export const EVENT_SERVICE_START_FAILED = 7000;
export const EVENT_CONNECTOR_CREDENTIALS_INVALID = 6000;
export const EVENTS_AAD_STALE_PASSWORD: readonly number[] = [6900, 659];
export const EVENT_AAD_TOKEN_FAILED = 906;
export const STALE_PASSWORD_TEXT = 'AADSTS50054';

/**
 * The oldest build that still syncs: every build below it stopped on 30 September 2026
 * (how-to-connect-install-prerequisites.md).
 */
export const SUPPORTED_BUILD_FLOOR = '2.5.79.0';
export const BUILD_FLOOR_SINCE = '30 September 2026';
export const BUILD_FLOOR_PAGE = 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites';
export const RUNBOOK_PAGE = 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-change-serviceacct-pass';

/** The last build for which Microsoft says the abandon-key runbook is needed after a password change. */
export const LAST_BUILD_NEEDING_RUNBOOK = '1.1.443.0';

/** Compares dotted build numbers numerically; a missing part counts as 0. */
export function compareBuilds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
