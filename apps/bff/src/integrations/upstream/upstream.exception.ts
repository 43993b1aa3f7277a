import { AppException } from '../../core/http/app.exception';

/** Which upstream system failed. */
export type UpstreamSystem = 'whmcs' | 'salesforce';

/**
 * Why an upstream call failed:
 * - `timeout`: no answer within the configured time (HTTP 504).
 * - `unreachable`: connection refused/reset, a 5xx answer, a rate limit (429, Salesforce `REQUEST_LIMIT_EXCEEDED`),
 *   or the call was not made because the circuit breaker is open or the bulkhead is full (HTTP 503).
 * - `rejected`: the upstream refused our credentials or the call (403, `result: "error"`, API error) (HTTP 502).
 * - `bad_response`: the answer was not JSON or did not match the expected schema (HTTP 502).
 */
export type UpstreamFailureKind = 'timeout' | 'unreachable' | 'rejected' | 'bad_response';

const SYSTEM_LABEL: Record<UpstreamSystem, string> = {
  whmcs: 'Billing system',
  salesforce: 'Support system',
};

const STATUS_OF_KIND: Record<UpstreamFailureKind, number> = {
  timeout: 504,
  unreachable: 503,
  rejected: 502,
  bad_response: 502,
};

/** Extra facts about an upstream failure. */
export interface UpstreamFailureOptions {
  cause?: unknown;
  /** The upstream asked to slow down (HTTP 429, Salesforce `REQUEST_LIMIT_EXCEEDED`). */
  rateLimited?: boolean;
  /** How long to wait before calling again, ms (from `Retry-After`, or the open breaker's remaining time). */
  retryAfterMs?: number;
  /** The call never reached the upstream (breaker open, rate limit in force, bulkhead full). */
  shortCircuited?: boolean;
}

/**
 * An upstream (WHMCS, Salesforce) failed. Rendered as `upstream_unavailable` with a client-safe message; the
 * loggable `reason` (never containing secrets or tokens) stays on the server.
 */
export class UpstreamException extends AppException {
  /**
   * @param system the failing upstream
   * @param kind failure class; decides the HTTP status (504 timeout, 503 unreachable, 502 otherwise)
   * @param reason detail for the logs (no secrets, no payloads)
   */
  /** The upstream asked to slow down (HTTP 429, Salesforce `REQUEST_LIMIT_EXCEEDED`). */
  readonly rateLimited: boolean;
  /** How long to wait before calling again, ms, when known. */
  readonly retryAfterMs: number | undefined;
  /** The call never reached the upstream (breaker open, rate limit in force, bulkhead full). */
  readonly shortCircuited: boolean;

  constructor(
    readonly system: UpstreamSystem,
    readonly kind: UpstreamFailureKind,
    readonly reason: string,
    options?: UpstreamFailureOptions,
  ) {
    super('upstream_unavailable', UpstreamException.safeMessage(system, kind));
    this.name = 'UpstreamException';
    this.rateLimited = options?.rateLimited ?? false;
    this.retryAfterMs = options?.retryAfterMs;
    this.shortCircuited = options?.shortCircuited ?? false;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }

  /** 504 for a timeout, 503 when unreachable, 502 when refused or answered badly. */
  override get status(): number {
    return STATUS_OF_KIND[this.kind];
  }

  /** A user-facing sentence for a failure, e.g. "Billing system did not answer in time". */
  static safeMessage(system: UpstreamSystem, kind: UpstreamFailureKind): string {
    const label = SYSTEM_LABEL[system];
    switch (kind) {
      case 'timeout':
        return `${label} did not answer in time`;
      case 'unreachable':
        return `${label} is unavailable`;
      case 'rejected':
        return `${label} refused the request`;
      case 'bad_response':
        return `${label} sent an unexpected answer`;
    }
  }
}
