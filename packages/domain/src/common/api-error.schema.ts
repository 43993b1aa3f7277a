import { z } from 'zod';
import { API_ERROR_CODES, type ApiErrorCode } from './api-error-codes';

/** Stable machine-readable error codes rendered by the BFF's global filter (see {@link API_ERROR_CODES}). */
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);

/**
 * The one map from error code to HTTP status. Every `{ code }` body the BFF sends goes with this status, with two
 * refinements: `upstream_unavailable` is 504 when the upstream timed out and 502 when it refused the call or
 * answered badly, and `request_too_large` is 414 for a long request line (both set where the error is raised).
 */
export const apiErrorStatus: Readonly<Record<ApiErrorCode, number>> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  upstream_unavailable: 503,
  webhook_signature_invalid: 401,
  csrf_failed: 403,
  mfa_enrolment_required: 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  request_too_large: 431,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  internal_error: 500,
};

/**
 * What a field's input breaks, so a client words the issue in its own language (see `fieldRuleOf`): `required`
 * (missing or empty), `tooShort`/`tooLong` (a text's length, in characters), `tooSmall`/`tooBig` (a number's
 * range), `email`, `url`, `format` (another text format), `choice` (not one of the allowed values), `invalid`
 * (anything else, such as a rule across fields).
 */
export const fieldRuleSchema = z.enum([
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooBig',
  'email',
  'url',
  'format',
  'choice',
  'invalid',
]);
export type FieldRule = z.infer<typeof fieldRuleSchema>;

/**
 * One failing field of a request: `path` is the dotted location (`body.email`, `query.from`), `message` an English
 * sentence, `rule` what the input breaks and `limit` its bound (characters for `tooShort`/`tooLong`, the number for
 * `tooSmall`/`tooBig`). An unknown `rule` from a newer server is dropped rather than failing the whole error body.
 */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  rule: fieldRuleSchema.optional().catch(undefined),
  limit: z.number().optional().catch(undefined),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** Body of every non-2xx response: `{ code, message, requestId, details? }`. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  details: z.array(fieldIssueSchema).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
