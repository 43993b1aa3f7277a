/**
 * WHMCS answered `result: "error"` (business errors come back with HTTP 200, e.g. `Client Not Found`,
 * `Invoice ID Not Found`, `Authentication Failed`). `message` is the upstream `message` verbatim.
 */
export class WhmcsApiError extends Error {
  override readonly name = 'WhmcsApiError';
  constructor(
    message: string,
    /** The whole decoded error payload, for logs (never forwarded to users). */
    readonly payload: unknown = undefined,
  ) {
    super(message);
  }
}

/**
 * A WHMCS payload did not have the expected shape. `message` is a readable summary of the issues,
 * one `path: problem` per line (no payload values, so it is safe to log).
 */
export class WhmcsSchemaError extends Error {
  override readonly name = 'WhmcsSchemaError';
  constructor(
    message: string,
    /** Individual issues as `{ path, message }`. */
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}
