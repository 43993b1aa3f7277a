import { AppException } from '../../core/http/app.exception';

/** Which upstream system failed. */
export type UpstreamSystem = 'whmcs' | 'salesforce';

/**
 * Why an upstream call failed:
 * - `timeout`: no answer within the configured time (HTTP 504).
 * - `unreachable`: connection refused/reset, or a 5xx/429 answer (HTTP 503).
 * - `rejected`: the upstream refused our credentials or the call (403, `result: "error"`, API error) (HTTP 502).
 * - `bad_response`: the answer was not JSON or did not match the expected schema (HTTP 502).
 */
export type UpstreamFailureKind = 'timeout' | 'unreachable' | 'rejected' | 'bad_response';

const SYSTEM_LABEL: Record<UpstreamSystem, string> = { whmcs: 'Billing system', salesforce: 'Support system' };

const STATUS_OF_KIND: Record<UpstreamFailureKind, number> = {
  timeout: 504,
  unreachable: 503,
  rejected: 502,
  bad_response: 502,
};

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
  constructor(
    readonly system: UpstreamSystem,
    readonly kind: UpstreamFailureKind,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(STATUS_OF_KIND[kind], 'upstream_unavailable', UpstreamException.safeMessage(system, kind));
    this.name = 'UpstreamException';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
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
