// No zod here: the portal words errors on its first page load without the schema library.

/** Stable machine-readable error codes rendered by the BFF's global filter. */
export const API_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  /** The thing existed but is no longer usable (an expired or already used invite link). */
  'gone',
  'rate_limited',
  'upstream_unavailable',
  'webhook_signature_invalid',
  /** A state-changing request from a signed-in browser without a valid CSRF token (header `x-csrf-token`). */
  'csrf_failed',
  /** The account requires two-factor authentication and the member has not enrolled yet. */
  'mfa_enrolment_required',
  /** A request body in another media type than the route takes (`application/json` on `/api/v1`): 415. */
  'unsupported_media_type',
  /** A request body over the route's size limit: 413 (the connection is closed after the answer). */
  'payload_too_large',
  /** A request line or headers over the server's limit (414, 431). */
  'request_too_large',
  /** An `Idempotency-Key` sent again with a different request body or route: 422. */
  'idempotency_key_reused',
  /** An `Idempotency-Key` whose first request is still running: 409, retry later. */
  'idempotency_key_in_flight',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);

/** Whether `code` is one of {@link API_ERROR_CODES}. */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && KNOWN.has(code);
}
