import {
  UpstreamException,
  type UpstreamFailureKind,
  type UpstreamFailureOptions,
} from '../upstream/upstream.exception';

/** A WHMCS API call failed; `reason` is loggable (action, HTTP status, WHMCS message; never the credentials). */
export class WhmcsException extends UpstreamException {
  /** WHMCS `message` of a `result: "error"` answer, when that was the failure. */
  readonly apiMessage: string | undefined;

  /**
   * @param kind failure class
   * @param action the WHMCS action called
   * @param reason loggable detail
   * @param options `apiMessage`: the WHMCS `message` of a `result: "error"` answer (e.g. `Invoice ID Not Found`);
   *   `rateLimited`/`retryAfterMs` for HTTP 429
   */
  constructor(
    kind: UpstreamFailureKind,
    readonly action: string,
    reason: string,
    options?: UpstreamFailureOptions & { apiMessage?: string },
  ) {
    super('whmcs', kind, `WHMCS ${action}: ${reason}`, options);
    this.apiMessage = options?.apiMessage;
    this.name = 'WhmcsException';
  }
}
