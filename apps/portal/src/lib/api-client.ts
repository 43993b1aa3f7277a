import type { FieldIssue } from '@portico/domain';
import type { z } from 'zod';
import { issuesOf } from './form-text';
import { loadDomain } from './schemas';

/**
 * A failed BFF call, built from the BFF's error body `{ code, message, requestId, details? }`.
 * Network failures use `status: 0` and code `network_error`; bodies that do not match the domain schema use
 * code `invalid_response`.
 */
export class ApiError extends Error {
  /** HTTP status (0 when no response arrived). */
  readonly status: number;
  /** Machine-readable code (`unauthenticated`, `validation_failed`, ...). */
  readonly code: string;
  /** Request id echoed by the BFF, or the one this client sent. */
  readonly requestId: string | null;
  /** Per-field issues of a `validation_failed` error; `path` is dotted, e.g. `body.subject`. */
  readonly details: FieldIssue[];

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId: string | null;
    details?: FieldIssue[];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details ?? [];
  }
}

/** True for an {@link ApiError} (also across module copies). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError');
}

/** A query-string value; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined;

/** Options of one call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Readonly<Record<string, QueryValue>>;
  /** JSON body. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * `Idempotency-Key` of a mutation (POST, PUT, PATCH, DELETE); a fresh UUID per call when unset. Pass the same
   * key to retry one operation: the BFF then replays the first response instead of doing it twice.
   */
  idempotencyKey?: string;
}

/**
 * The domain schema of an answer, or a loader of it (`domainSchema((d) => d.meSchema)` from `lib/schemas.ts`): a
 * loader keeps zod and the schemas out of the page's first load.
 */
export type SchemaRef<T> = z.ZodType<T> | (() => Promise<z.ZodType<T>>);

/** A typed BFF client: every success is parsed with its domain schema. */
export interface ApiClient {
  /**
   * Calls `path` (e.g. `/api/v1/me`) and parses the JSON answer with `schema` (loaded first when it is a loader).
   * @throws ApiError on a non-2xx answer, a network failure or a body that does not match `schema`.
   */
  request<T>(path: string, schema: SchemaRef<T>, options?: RequestOptions): Promise<T>;
  /** Like {@link ApiClient.request} for answers without a body (204). */
  send(path: string, options?: RequestOptions): Promise<void>;
}

/** How a client reaches the BFF. */
export interface ApiClientConfig {
  /** Origin prefixed to every path; `''` for same-origin calls from the browser. */
  baseUrl: string;
  /** Extra headers (the server variant forwards the request's cookies). */
  headers?: Readonly<Record<string, string>>;
  /** On 401, call `POST /api/v1/auth/refresh` once and retry (browser only). */
  refreshOnUnauthorized: boolean;
  /** Called when the session cannot be refreshed. */
  onUnauthenticated?: () => void;
  /** Per-call timeout in ms (none when unset). */
  timeoutMs?: number;
}

const AUTH_PATHS = [
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/mfa/verify',
];

/** Header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';
/** The BFF's CSRF cookie: `__Host-` prefixed when cookies are Secure, plain on http://localhost. */
const CSRF_COOKIES = ['__Host-portico_csrf', 'portico_csrf'];

/**
 * The CSRF token from `cookieString` (`document.cookie` in the browser), or null. The BFF sets it (readable by
 * script, bound to the session) at sign-in and refresh; the client echoes it in {@link CSRF_HEADER}.
 */
export function csrfTokenFrom(cookieString: string): string | null {
  const pairs = cookieString.split(';').map((part) => part.trim());
  for (const name of CSRF_COOKIES) {
    const pair = pairs.find((p) => p.startsWith(`${name}=`));
    if (pair) return decodeURIComponent(pair.slice(name.length + 1));
  }
  return null;
}

/** The CSRF header for a state-changing request made from the browser (none on the server or for GET). */
function csrfHeader(method: string): Record<string, string> {
  if (method === 'GET' || typeof document === 'undefined') return {};
  const token = csrfTokenFrom(document.cookie);
  return token ? { [CSRF_HEADER]: token } : {};
}

/**
 * The page's language (`<html lang>`) as `Accept-Language`, so the BFF serves configured texts (dashboard titles,
 * metric labels) in it; none on the server (the server client sets the request's) or before the page has one.
 */
function pageLanguageHeader(): Record<string, string> {
  if (typeof document === 'undefined') return {};
  const lang = document.documentElement?.lang;
  return lang ? { 'accept-language': lang } : {};
}

/** A fresh request id (UUID v4 when available; random hex otherwise, e.g. on plain-http LAN origins). */
function newRequestId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(response: Response, sentRequestId: string): Promise<ApiError> {
  const headerId = response.headers.get('x-request-id') ?? sentRequestId;
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  // The schemas not loading (the network went away meanwhile) leaves the generic error below.
  const parsed = await loadDomain().then(
    ({ apiErrorSchema }) => apiErrorSchema.safeParse(json),
    () => null,
  );
  if (parsed?.success) {
    return new ApiError({
      status: response.status,
      ...parsed.data,
      requestId: parsed.data.requestId || headerId,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status === 401 ? 'unauthenticated' : 'http_error',
    message: response.statusText || `Request failed with status ${response.status}`,
    requestId: headerId,
  });
}

/** The error of a call that reached no answer (or could not load what checks it): status 0, `network_error`. */
function networkError(requestId: string | null): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    message: 'Could not reach Portico. Check your connection and try again.',
    requestId,
  });
}

/** The schema of a {@link SchemaRef} loader; a loader that fails (its chunk could not be fetched) is a network error. */
async function loadSchema<T>(
  load: () => Promise<z.ZodType<T>>,
  requestId: string | null,
): Promise<z.ZodType<T>> {
  try {
    return await load();
  } catch {
    throw networkError(requestId);
  }
}

/** Builds a client; see {@link browserApiClient} and `createServerApiClient` for the two configured ones. */
export function createApiClient(config: ApiClientConfig): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  /** Single-flight refresh: concurrent 401s share one `POST /auth/refresh`. */
  function refreshSession(): Promise<boolean> {
    refreshing ??= fetch(buildUrl(config.baseUrl, '/api/v1/auth/refresh', undefined), {
      method: 'POST',
      credentials: 'include',
      headers: { 'x-request-id': newRequestId(), ...config.headers, ...csrfHeader('POST') },
    })
      .then((r) => r.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function raw(path: string, options: RequestOptions, allowRefresh: boolean): Promise<Response> {
    const requestId = newRequestId();
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': requestId,
      ...pageLanguageHeader(),
      ...config.headers,
      ...csrfHeader(method),
    };
    // Every mutation carries a key, kept for the retry after a session refresh below.
    const idempotencyKey = method === 'GET' ? undefined : (options.idempotencyKey ?? newRequestId());
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const signals = [
      options.signal,
      config.timeoutMs ? AbortSignal.timeout(config.timeoutMs) : undefined,
    ].filter((s): s is AbortSignal => s !== undefined);
    let response: Response;
    try {
      response = await fetch(buildUrl(config.baseUrl, path, options.query), {
        method,
        credentials: 'include',
        cache: 'no-store',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
      });
    } catch (error) {
      // The caller cancelled (e.g. TanStack Query dropped the query): pass its abort through untouched. Checked on the
      // signal, not with `instanceof Error`, which fails for a DOMException from another realm.
      if (options.signal?.aborted) throw error;
      throw networkError(requestId);
    }
    if (response.ok) return response;
    const isAuthPath = AUTH_PATHS.includes(path);
    if (response.status === 401 && !isAuthPath) {
      if (allowRefresh && config.refreshOnUnauthorized && (await refreshSession())) {
        return raw(path, { ...options, idempotencyKey }, false);
      }
      config.onUnauthenticated?.();
    }
    throw await toApiError(response, requestId);
  }

  return {
    async request<T>(path: string, schemaRef: SchemaRef<T>, options: RequestOptions = {}): Promise<T> {
      const response = await raw(path, options, true);
      const requestId = response.headers.get('x-request-id');
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        throw new ApiError({
          status: response.status,
          code: 'invalid_response',
          message: 'The server sent an unreadable answer.',
          requestId,
        });
      }
      const schema = typeof schemaRef === 'function' ? await loadSchema(schemaRef, requestId) : schemaRef;
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new ApiError({
          status: response.status,
          code: 'invalid_response',
          message: 'The server sent an answer Portico does not understand.',
          requestId,
          details: issuesOf(parsed.error),
        });
      }
      return parsed.data;
    },
    async send(path: string, options: RequestOptions = {}): Promise<void> {
      await raw(path, options, true);
    },
  };
}

/** Set once the browser is on its way to the login page (the page is being left: nothing resets it). */
let leavingForLogin = false;

/**
 * Sends the browser to the login page, remembering where it was. No-op on the server, on /login itself and once
 * already under way: a page whose session died has several reads failing at once, and a second navigation would
 * abort the first (the page then shows `ERR_ABORTED` for a moment before the second lands).
 */
function redirectToLogin(): void {
  if (typeof window === 'undefined' || leavingForLogin) return;
  const { pathname, search } = window.location;
  if (pathname.startsWith('/login')) return;
  leavingForLogin = true;
  window.location.assign(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`);
}

/** The browser's client: same-origin `/api/v1` (rewritten to the BFF), refresh on 401, login on a dead session. */
export const browserApiClient: ApiClient = createApiClient({
  baseUrl: '',
  refreshOnUnauthorized: true,
  onUnauthenticated: redirectToLogin,
});
