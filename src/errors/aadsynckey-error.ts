import { ERROR_CODES, type ErrorCode, type PowerShellErrorCategory } from './error-codes.js';

/** Extra facts an error can carry to the ErrorRecord the module raises. */
export interface AADSyncKeyErrorOptions {
  /** The value or object the error is about (becomes the ErrorRecord's TargetObject). */
  readonly target?: string | undefined;
  /** Overrides the code's default category, e.g. with PowerShell's own category of the original error. */
  readonly category?: PowerShellErrorCategory;
  readonly cause?: unknown;
}

/** The one error class of the core: a stable code, a category, a target, and the original error as cause. */
export class AADSyncKeyError extends Error {
  readonly code: ErrorCode;
  readonly category: PowerShellErrorCategory;
  readonly target: string | undefined;

  constructor(code: ErrorCode, message: string, options: AADSyncKeyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AADSyncKeyError';
    this.code = code;
    this.category = options.category ?? ERROR_CODES[code].category;
    this.target = options.target;
  }

  /** The code's documented advice, for the ErrorRecord's RecommendedAction. */
  get recommendedAction(): string {
    return ERROR_CODES[this.code].whatToDo;
  }
}

/** What PowerShell said about an error, as the session reports it. */
export interface PowerShellErrorInfo {
  readonly fullyQualifiedErrorId: string;
  readonly category: string;
  readonly message: string;
  readonly targetObject: string | null;
  readonly exceptionType: string;
}

/** A failed command on the server, carrying PowerShell's own FullyQualifiedErrorId, category, message and target. */
export class PowerShellCommandError extends AADSyncKeyError {
  readonly fullyQualifiedErrorId: string;
  readonly powerShellCategory: string;
  readonly exceptionType: string;
  readonly targetObject: string | null;

  /** The session script that ran the failed command (a fact for logs and tests; the message speaks the server's words). */
  readonly script: string;

  constructor(info: PowerShellErrorInfo, script: string) {
    super('PowerShellCommandFailed', info.message, {
      target: info.targetObject ?? undefined,
      category: toKnownCategory(info.category),
    });
    this.name = 'PowerShellCommandError';
    this.script = script;
    this.fullyQualifiedErrorId = info.fullyQualifiedErrorId;
    this.powerShellCategory = info.category;
    this.exceptionType = info.exceptionType;
    this.targetObject = info.targetObject;
  }
}

const PASS_THROUGH_CATEGORIES: ReadonlySet<string> = new Set<PowerShellErrorCategory>([
  'InvalidArgument', 'InvalidData', 'InvalidOperation', 'InvalidResult', 'ObjectNotFound', 'OperationTimeout',
  'PermissionDenied', 'ResourceUnavailable', 'NotInstalled', 'OpenError', 'ResourceBusy', 'AuthenticationError',
  'SecurityError', 'WriteError', 'NotImplemented', 'ResourceExists', 'ConnectionError',
]);

// PowerShell has more categories than the module raises; unknown ones become NotSpecified.
function toKnownCategory(category: string): PowerShellErrorCategory {
  return PASS_THROUGH_CATEGORIES.has(category) ? (category as PowerShellErrorCategory) : 'NotSpecified';
}
