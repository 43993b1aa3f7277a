import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';

/** The upstream systems Portico reads: WHMCS (billing) and Salesforce (CRM). */
export const upstreamNameSchema = z.enum(['whmcs', 'salesforce']);
export type UpstreamName = z.infer<typeof upstreamNameSchema>;

/**
 * State of a circuit breaker guarding calls to an upstream:
 * - `closed`: calls go through;
 * - `open`: calls fail fast, without reaching the upstream, until `retryAt`;
 * - `half_open`: one trial call is under way; its outcome closes or re-opens the breaker.
 */
export const breakerStateSchema = z.enum(['closed', 'open', 'half_open']);
export type BreakerState = z.infer<typeof breakerStateSchema>;

/**
 * Why a breaker opened: `failures` (consecutive timeouts, connection failures, 5xx or malformed answers) or
 * `rate_limited` (the upstream asked to slow down: HTTP 429, or Salesforce `REQUEST_LIMIT_EXCEEDED`).
 */
export const breakerOpenReasonSchema = z.enum(['failures', 'rate_limited']);
export type BreakerOpenReason = z.infer<typeof breakerOpenReasonSchema>;

/**
 * Circuit breaker state of one upstream as seen by the BFF instance that answered. An upstream may have several
 * breakers (e.g. WHMCS client details and billing reads); this is the most restrictive of them.
 */
export const upstreamStatusSchema = z.object({
  breaker: breakerStateSchema,
  /** Why the breaker is open or half-open; null when closed. */
  openReason: breakerOpenReasonSchema.nullable(),
  /**
   * When the breaker lets a trial call through again (ISO 8601 UTC); for `rate_limited`, the time the upstream
   * asked for (`Retry-After`). null when closed or half-open.
   */
  retryAt: isoTimestampSchema.nullable(),
});
export type UpstreamStatus = z.infer<typeof upstreamStatusSchema>;

/** Breaker state of every upstream, by upstream name. */
export const upstreamsStatusSchema = z.object({
  whmcs: upstreamStatusSchema,
  salesforce: upstreamStatusSchema,
});
export type UpstreamsStatus = z.infer<typeof upstreamsStatusSchema>;
