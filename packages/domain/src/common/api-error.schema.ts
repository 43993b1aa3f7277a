import { z } from 'zod';

/** Stable machine-readable error codes rendered by the BFF's global filter. */
export const apiErrorCodeSchema = z.enum([
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
  'internal_error',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

/** One failing field of a request: `path` is the dotted location (`body.email`, `query.from`). */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** Body of every non-2xx response: `{ code, message, requestId, details? }`. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  details: z.array(fieldIssueSchema).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
