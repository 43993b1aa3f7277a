import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  collectSkippedRecords,
  parseWhmcsResponse,
  WhmcsApiError,
  WhmcsSchemaError,
} from '@portico/domain/providers/whmcs';
import type { z } from 'zod';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { loggedUpstreamFailure, parseRetryAfter } from '../upstream/upstream-policy';
import { UpstreamRegistry, whmcsFamily } from '../upstream/upstream.registry';
import { WhmcsException } from './whmcs.exception';

/**
 * The `message` of a WHMCS error body (JSON `{ result: "error", message }`, or the XML form), at most 300
 * characters; null when there is none.
 */
export function whmcsErrorMessage(body: string): string | null {
  let message: unknown;
  try {
    message = (JSON.parse(body) as { message?: unknown }).message;
  } catch {
    message = /<message>([\s\S]*?)<\/message>/i.exec(body)?.[1];
  }
  if (typeof message !== 'string' || message.trim() === '') return null;
  const clean = message.replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 300)}...` : clean;
}

/** Scalar API parameters; `undefined` ones are left out. */
export type WhmcsParams = Record<string, string | number | boolean | undefined>;

/**
 * Transport to the WHMCS API (`POST api.php`, form-encoded, `identifier`/`secret`, `responsetype=json`).
 * Every call runs under the WHMCS policies of {@link UpstreamRegistry}: bulkhead, a circuit breaker per action
 * family (client details, billing reads, writes), a `WHMCS_TIMEOUT_MS` cut per attempt and, for reads, retries of
 * connection failures and 5xx with jittered exponential backoff. HTTP 429 opens the breaker for its `Retry-After`.
 * Every answer is parsed with the caller's zod schema through the domain's `parseWhmcsResponse`.
 */
@Injectable()
export class WhmcsClient {
  private readonly logger = new Logger(WhmcsClient.name);
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly upstreams: UpstreamRegistry,
  ) {}

  /**
   * Calls one WHMCS API action.
   * @param action WHMCS action name, e.g. `GetClientsDetails`
   * @param params action parameters (credentials are added here)
   * @param schema zod schema of the successful answer
   * @param options `write: true` for non-idempotent actions (no retry)
   * @throws WhmcsException `timeout` (no answer in time), `unreachable` (network, 5xx, 429), `rejected` (403,
   *   other 4xx, `result: "error"`), `bad_response` (not JSON, or not matching `schema`)
   * @throws UpstreamException `unreachable` without calling WHMCS while its breaker is open, a rate limit is in
   *   force or the bulkhead is full
   */
  async call<S extends z.ZodType>(
    action: string,
    params: WhmcsParams,
    schema: S,
    options: { write?: boolean } = {},
  ): Promise<z.output<S>> {
    const write = options.write === true;
    const started = Date.now();
    try {
      const result = await this.upstreams.whmcs.execute(
        whmcsFamily(action, write),
        write ? 'write' : 'read',
        `WHMCS ${action}`,
        (signal) => this.send(action, params, schema, signal),
      );
      this.logger.debug({ action, ms: Date.now() - started }, 'whmcs call');
      for (const { path, skipped } of collectSkippedRecords(result)) {
        // One malformed record must not hide the others: it was left out; say which and why (no values).
        this.logger.warn({ action, list: path, skipped }, 'whmcs records skipped: unexpected shape');
      }
      return result;
    } catch (err) {
      throw loggedUpstreamFailure(this.logger, 'whmcs', err, `WHMCS ${action}`, { action }, started);
    }
  }

  private async send<S extends z.ZodType>(
    action: string,
    params: WhmcsParams,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.output<S>> {
    const form = new URLSearchParams();
    form.set('action', action);
    form.set('identifier', this.env.WHMCS_API_IDENTIFIER);
    form.set('secret', this.env.WHMCS_API_SECRET);
    form.set('responsetype', 'json');
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) form.set(key, String(value));
    }

    let response: Response;
    try {
      response = await fetch(this.env.WHMCS_API_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal,
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new WhmcsException('unreachable', action, `request failed: ${message}${cause}`, { cause: err });
    }

    const text = await response.text();
    if (response.status === 403) {
      // WHMCS says why (`Invalid IP 203.0.113.7`, `Authentication Failed`, `Invalid Permissions: API action ...`):
      // kept for the logs (it names no credential); users see the generic refusal.
      throw new WhmcsException(
        'rejected',
        action,
        `HTTP 403: ${whmcsErrorMessage(text) ?? 'credentials or IP not allowed'}`,
        {
          apiMessage: whmcsErrorMessage(text) ?? undefined,
        },
      );
    }
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      throw new WhmcsException('unreachable', action, `HTTP 429 (Retry-After ${retryAfterMs ?? '?'} ms)`, {
        rateLimited: true,
        retryAfterMs,
      });
    }
    if (response.status >= 500) {
      throw new WhmcsException('unreachable', action, `HTTP ${response.status}`);
    }
    if (!response.ok) {
      throw new WhmcsException('rejected', action, `HTTP ${response.status}`);
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WhmcsException(
        'bad_response',
        action,
        `answer is not JSON (HTTP ${response.status}, ${text.length} bytes)`,
      );
    }

    try {
      return parseWhmcsResponse(schema, json);
    } catch (err) {
      if (err instanceof WhmcsApiError) {
        throw new WhmcsException('rejected', action, `result "error": ${err.message}`, {
          cause: err,
          apiMessage: err.message,
        });
      }
      if (err instanceof WhmcsSchemaError) {
        throw new WhmcsException('bad_response', action, err.message, { cause: err });
      }
      throw new WhmcsException('bad_response', action, err instanceof Error ? err.message : String(err), {
        cause: err,
      });
    }
  }
}
