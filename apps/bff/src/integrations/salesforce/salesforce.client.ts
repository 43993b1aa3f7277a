import { Inject, Injectable, Logger } from '@nestjs/common';
import { Connection, OAuth2, type HttpRequest, type HttpRequestOptions, type HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import type { StreamPromise } from 'jsforce/lib/util/promise';
import { formatZodIssues } from '@portico/domain';
import {
  sfCreateResultSchema,
  sfQueryResultSchema,
  sfTokenResponseSchema,
  skippedRecordsOf,
  userIdOfIdentityUrl,
  type SkippedRecord,
} from '@portico/domain/providers/salesforce';
import type { z } from 'zod';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { loggedUpstreamFailure, parseRetryAfter } from '../upstream/upstream-policy';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { SalesforceException } from './salesforce.exception';

/** How long a `Retry-After` seen on a rate-limited answer is attributed to the error that follows it, ms. */
const RETRY_AFTER_HINT_MS = 2000;

/**
 * jsforce transport with a per-request timeout and without jsforce's own retries (5 retries with exponential
 * backoff by default): retries and timeouts are decided by Portico's policies. jsforce's errors carry no headers,
 * so the transport remembers the `Retry-After` of the last rate-limited answer (HTTP 429, or 403/503 with the
 * header) for the error built from it.
 */
class BoundedTransport extends Transport {
  private retryAfter: { ms: number; seenAt: number } | null = null;

  constructor(private readonly timeoutMs: number) {
    super();
  }

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    const pending = super.httpRequest(req, { ...options, timeout: this.timeoutMs, retry: { maxRetries: 0 } });
    pending.then(
      (res) => {
        if (res.statusCode !== 429 && res.statusCode !== 403 && res.statusCode !== 503) return;
        const header: unknown = res.headers['retry-after'];
        const value = Array.isArray(header) ? (header as unknown[])[0] : header;
        const ms = parseRetryAfter(typeof value === 'string' ? value : undefined);
        if (ms !== undefined) this.retryAfter = { ms, seenAt: Date.now() };
      },
      () => undefined,
    );
    return pending;
  }

  /** The `Retry-After` of a rate-limited answer received in the last moments, ms. */
  recentRetryAfterMs(): number | undefined {
    const hint = this.retryAfter;
    if (hint === null || Date.now() - hint.seenAt > RETRY_AFTER_HINT_MS) return undefined;
    return hint.ms;
  }
}

/** Salesforce error codes that mean "slow down": the org's API request limit, or HTTP 429. */
const RATE_LIMIT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'ERROR_HTTP_429']);

/** Salesforce error codes that mean the request itself was refused (retrying will not help). */
const REJECTED_CODES = new Set([
  'MALFORMED_QUERY',
  'INVALID_FIELD',
  'INVALID_TYPE',
  'INVALID_QUERY_LOCATOR',
  'INVALID_QUERY_FILTER_OPERATOR',
  'NOT_FOUND',
  'REQUIRED_FIELD_MISSING',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'STRING_TOO_LONG',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'API_DISABLED_FOR_ORG',
  'invalid_client',
  'invalid_client_id',
  'invalid_grant',
  'unsupported_grant_type',
]);

/** All records of a query (every page read) with the total Salesforce reported. */
export interface QueryAllResult<T> {
  records: T[];
  totalSize: number;
}

/**
 * Salesforce REST client on jsforce 3: OAuth 2.0 client-credentials against `SALESFORCE_LOGIN_URL`
 * (`/services/oauth2/token`, answer has `instance_url` and no `expires_in`), one re-authentication on
 * `401 INVALID_SESSION_ID`, SOQL queries read to the end with `queryMore`, record creation through
 * `sobject(...).create`. Every call runs under the Salesforce policies of {@link UpstreamRegistry}: bulkhead,
 * circuit breaker, a `SALESFORCE_TIMEOUT_MS` cut per attempt and, for reads, jittered retries of fast failures.
 * `REQUEST_LIMIT_EXCEEDED` and HTTP 429 open the breaker for the `Retry-After` asked (else
 * `UPSTREAM_RATE_LIMIT_DEFAULT_MS`). Callers build SOQL with the domain's `soqlQuote` for every literal.
 */
@Injectable()
export class SalesforceClient {
  private readonly logger = new Logger(SalesforceClient.name);
  private readonly oauth2: OAuth2;
  private readonly transport: BoundedTransport;
  private connection: Promise<Connection> | null = null;
  /** User id of the current token's identity URL. */
  private identityUserId: string | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly upstreams: UpstreamRegistry,
  ) {
    this.transport = new BoundedTransport(env.SALESFORCE_TIMEOUT_MS);
    this.oauth2 = new OAuth2({
      loginUrl: env.SALESFORCE_LOGIN_URL.replace(/\/+$/, ''),
      clientId: env.SALESFORCE_CLIENT_ID,
      clientSecret: env.SALESFORCE_CLIENT_SECRET,
    });
    this.oauth2._transport = this.transport;
  }

  /**
   * Runs a SOQL query and reads every page (`queryMore`), parsing each record with `recordSchema`.
   * @param soql the query; literals must come from `soqlQuote`
   * @param maxRecords stop reading pages past this many records (default 2000)
   * @throws SalesforceException on failure, timeout or a malformed page (`bad_response`); a single record not
   *   matching `recordSchema` is logged and skipped
   */
  async queryAll<S extends z.ZodType>(
    soql: string,
    recordSchema: S,
    maxRecords = 2000,
  ): Promise<QueryAllResult<z.output<S>>> {
    const pageSchema = sfQueryResultSchema(recordSchema);
    return this.run('query', false, async (conn) => {
      const records: z.output<S>[] = [];
      const skipped: SkippedRecord[] = [];
      const received = (): number => records.length + skipped.length;
      const take = (page: z.output<typeof pageSchema>): void => {
        // A skipped record's index counts from the first page.
        const offset = received();
        skipped.push(...skippedRecordsOf(page.records).map((s) => ({ ...s, index: offset + s.index })));
        records.push(...page.records);
      };
      let page = this.parse('query', pageSchema, await conn.query(soql, { autoFetch: false }));
      take(page);
      while (!page.done && page.nextRecordsUrl && received() < maxRecords) {
        page = this.parse('queryMore', pageSchema, await conn.queryMore(page.nextRecordsUrl));
        take(page);
      }
      // One malformed record must not hide the others: it was left out; say which and why (no values).
      for (const { index, id, issues } of skipped) {
        this.logger.warn(
          { operation: 'query', index, id, issues },
          'salesforce record skipped: unexpected shape',
        );
      }
      return { records, totalSize: page.totalSize };
    });
  }

  /**
   * Creates one record (`POST /sobjects/<type>`).
   * @returns the new record id
   * @throws SalesforceException on failure or timeout (never retried)
   */
  async create(sobjectType: string, record: object): Promise<string> {
    return this.run(`create ${sobjectType}`, true, async (conn) => {
      const result = this.parse(
        `create ${sobjectType}`,
        sfCreateResultSchema,
        await conn.sobject(sobjectType).create({ ...record }),
      );
      if (!result.success)
        throw new SalesforceException('rejected', `create ${sobjectType}`, 'save result not successful');
      return result.id;
    });
  }

  /**
   * Creates or finds one record by an External ID field (`PATCH /sobjects/<type>/<field>/<value>`): Salesforce
   * creates the record when no record has `value` in `field`, else updates that one. Safe to repeat: a create whose
   * answer was lost, sent again with the same value, finds the first record instead of making a second.
   * @param value the External ID (letters, digits, `-` and `_` only: it is a URL path segment)
   * @returns the record's id (null when Salesforce answers 204 without a body: look it up by `field`)
   * @throws SalesforceException on failure or timeout (never retried here)
   */
  async upsert(sobjectType: string, field: string, value: string, record: object): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(value))
      throw new SalesforceException(
        'rejected',
        `upsert ${sobjectType}`,
        'external id has characters a URL path cannot carry',
      );
    return this.run(`upsert ${sobjectType}`, true, async (conn) => {
      const answer: unknown = await conn.sobject(sobjectType).upsert({ ...record, [field]: value }, field);
      const result = this.parse(`upsert ${sobjectType}`, sfCreateResultSchema.partial({ id: true }), answer);
      if (!result.success)
        throw new SalesforceException('rejected', `upsert ${sobjectType}`, 'save result not successful');
      return result.id ?? null;
    });
  }

  /**
   * Updates fields of one record (`PATCH /sobjects/<type>/<id>`).
   * @throws SalesforceException on failure or timeout (never retried)
   */
  async update(sobjectType: string, id: string, fields: object): Promise<void> {
    await this.run(`update ${sobjectType}`, true, async (conn) => {
      const result = this.parse(
        `update ${sobjectType}`,
        sfCreateResultSchema.partial({ id: true }),
        await conn.sobject(sobjectType).update({ Id: id, ...fields }),
      );
      if (!result.success)
        throw new SalesforceException('rejected', `update ${sobjectType}`, 'save result not successful');
    });
  }

  /**
   * The Salesforce user Portico acts as (from the token answer's identity URL `.../id/<org>/<user>`), known once a
   * call has signed in; null before, or when the answer carries none. Records Portico creates belong to this user.
   */
  get integrationUserId(): string | null {
    return this.identityUserId;
  }

  /** Runs `fn` with a session under the read or write policy; re-authenticates once on an expired session. */
  private async run<T>(operation: string, write: boolean, fn: (conn: Connection) => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await this.upstreams.salesforce.execute(
        'api',
        write ? 'write' : 'read',
        `Salesforce ${operation}`,
        async () => {
          const conn = await this.session();
          try {
            return await fn(conn).catch((err: unknown) => {
              throw this.classify(operation, err);
            });
          } catch (err) {
            // An expired session is worth one new login; a session refused for the REST API is not (same answer again).
            if (
              !(err instanceof SalesforceException) ||
              err.errorCode !== 'INVALID_SESSION_ID' ||
              err.sessionRefused
            )
              throw err;
            this.logger.log({ operation }, 'salesforce session expired; re-authenticating');
            return fn(await this.session(conn)).catch((retryErr: unknown) => {
              throw this.classify(operation, retryErr);
            });
          }
        },
      );
    } catch (err) {
      throw loggedUpstreamFailure(
        this.logger,
        'salesforce',
        err,
        `Salesforce ${operation}`,
        { operation },
        started,
      );
    }
  }

  /**
   * The current connection; a new one (client-credentials token) when none, or when `expired` is the current one.
   * Concurrent callers share one token request.
   */
  private session(expired?: Connection): Promise<Connection> {
    const current = this.connection;
    if (current && expired === undefined) return current;
    if (current && expired !== undefined) {
      // Another caller may already have replaced the expired connection.
      const replaced = current.then((c) => (c === expired ? null : c)).catch(() => null);
      this.connection = replaced.then((c) => c ?? this.authenticate());
    } else {
      this.connection = this.authenticate();
    }
    const pending = this.connection;
    void pending.catch(() => {
      if (this.connection === pending) this.connection = null;
    });
    return pending;
  }

  private async authenticate(): Promise<Connection> {
    let answer: unknown;
    try {
      answer = await this.oauth2.requestToken({ grant_type: 'client_credentials' });
    } catch (err) {
      throw this.classify('token', err);
    }
    const token = this.parse('token', sfTokenResponseSchema, answer);
    this.identityUserId = userIdOfIdentityUrl(token.id) ?? this.identityUserId;
    const conn = new Connection({
      instanceUrl: token.instance_url,
      accessToken: token.access_token,
      version: this.env.SALESFORCE_API_VERSION,
    });
    conn._transport = this.transport;
    return conn;
  }

  private parse<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new SalesforceException(
      'bad_response',
      operation,
      `unexpected payload (${formatZodIssues(result.error.issues, 5)})`,
    );
  }

  /** Turns a jsforce/fetch error into a {@link SalesforceException} (message never includes tokens). */
  private classify(operation: string, err: unknown): SalesforceException {
    if (err instanceof SalesforceException) return err;
    if (!(err instanceof Error)) return new SalesforceException('unreachable', operation, String(err));
    const code = 'errorCode' in err && typeof err.errorCode === 'string' ? err.errorCode : err.name;
    if (err instanceof SyntaxError) {
      return new SalesforceException('bad_response', operation, 'answer is not JSON', { cause: err });
    }
    if (err instanceof TypeError || err.name === 'AbortError' || err.name === 'TimeoutError') {
      const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
      return new SalesforceException('unreachable', operation, `request failed: ${err.message}${cause}`, {
        cause: err,
      });
    }
    if (code === 'INVALID_SESSION_ID') {
      if (/not valid for use with the REST API/i.test(err.message)) {
        return new SalesforceException(
          'rejected',
          operation,
          `${code}: ${err.message.slice(0, 200)} (the token may not call the REST API: check the connected app's OAuth scopes; not retried with a new login)`,
          { cause: err, errorCode: code, sessionRefused: true },
        );
      }
      return new SalesforceException('rejected', operation, 'session expired', {
        cause: err,
        errorCode: code,
      });
    }
    if (RATE_LIMIT_CODES.has(code)) {
      const retryAfterMs = this.transport.recentRetryAfterMs();
      return new SalesforceException(
        'unreachable',
        operation,
        `${code} (Retry-After ${retryAfterMs ?? '?'} ms)`,
        {
          cause: err,
          errorCode: code,
          rateLimited: true,
          retryAfterMs,
        },
      );
    }
    const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
    const status = http ? Number(http[1]) : undefined;
    const rejected =
      REJECTED_CODES.has(code) || (status !== undefined && status >= 400 && status < 500 && status !== 429);
    const message = err.message.length > 200 ? `${err.message.slice(0, 200)}...` : err.message;
    return new SalesforceException(rejected ? 'rejected' : 'unreachable', operation, `${code}: ${message}`, {
      cause: err,
      errorCode: code,
    });
  }
}
