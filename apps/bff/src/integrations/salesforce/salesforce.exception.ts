import {
  UpstreamException,
  type UpstreamFailureKind,
  type UpstreamFailureOptions,
} from '../upstream/upstream.exception';

/** A Salesforce call failed; `reason` is loggable (operation, Salesforce error code; never tokens or secrets). */
export class SalesforceException extends UpstreamException {
  /**
   * @param kind failure class
   * @param operation what was attempted (`token`, `query`, `create Case` ...)
   * @param reason loggable detail
   * @param options `errorCode`: Salesforce `errorCode` (e.g. `INVALID_SESSION_ID`, `MALFORMED_QUERY`) when known;
   *   `rateLimited`/`retryAfterMs` for `REQUEST_LIMIT_EXCEEDED` and HTTP 429
   */
  constructor(
    kind: UpstreamFailureKind,
    readonly operation: string,
    reason: string,
    options?: UpstreamFailureOptions & { errorCode?: string; sessionRefused?: boolean },
  ) {
    super('salesforce', kind, `Salesforce ${operation}: ${reason}`, options);
    this.errorCode = options?.errorCode;
    this.sessionRefused = options?.sessionRefused ?? false;
    this.name = 'SalesforceException';
  }

  /**
   * The session is valid but refused for this use (`INVALID_SESSION_ID` "This session is not valid for use with the
   * REST API": the connected app lacks the API scope, or the org blocks it): a new login would get the same.
   */
  readonly sessionRefused: boolean;

  /** Salesforce `errorCode` of the failure, when it answered one. */
  readonly errorCode: string | undefined;
}
