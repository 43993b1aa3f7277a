import { apiErrorStatus, type ApiErrorCode, type FieldIssue } from '@portico/domain';

/**
 * A typed application error rendered by {@link AllExceptionsFilter} as `{ code, message, requestId, details? }`.
 * `message` is shown to the client: never put secrets, tokens or upstream payloads in it. The HTTP status follows
 * from the code through the domain's {@link apiErrorStatus}, so a code always goes with the same status.
 */
export class AppException extends Error {
  /**
   * @param code stable machine-readable code (domain `apiErrorCodeSchema`); it sets the HTTP status
   * @param message human-readable, client-safe message
   * @param details per-field issues (validation errors)
   */
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    /** Response headers to send with the error (e.g. `Retry-After`). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'AppException';
  }

  /** The HTTP status of {@link code} (`apiErrorStatus`). */
  get status(): number {
    return apiErrorStatus[this.code];
  }

  /** 429 `rate_limited` with `Retry-After: <retryAfterSeconds>` (plus `headers`). */
  static rateLimited(
    retryAfterSeconds: number,
    message = `Too many requests: try again in ${retryAfterSeconds} s`,
    headers: Record<string, string> = {},
  ): AppException {
    return new AppException('rate_limited', message, undefined, {
      ...headers,
      'Retry-After': String(retryAfterSeconds),
    });
  }

  /** 404 `not_found`. */
  static notFound(message = 'Not found'): AppException {
    return new AppException('not_found', message);
  }

  /** 403 `forbidden`: signed in and a member, but the role lacks the permission. */
  static forbidden(message = 'Your role does not allow this'): AppException {
    return new AppException('forbidden', message);
  }

  /** 401 `unauthenticated`. */
  static unauthenticated(message = 'Authentication required'): AppException {
    return new AppException('unauthenticated', message);
  }

  /** 400 `validation_failed` with per-field details. */
  static validation(details: FieldIssue[], message = 'Request validation failed'): AppException {
    return new AppException('validation_failed', message, details);
  }
}
