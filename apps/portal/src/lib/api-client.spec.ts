import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { ApiError, createApiClient, csrfTokenFrom, isApiError, type ApiClientConfig } from './api-client';
import { domainSchema } from './schemas';

/** One request as the local server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseUrl = '';
let seen: Seen[] = [];
let routes = new Map<string, Handler>();

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function route(method: string, path: string, handler: Handler): void {
  routes.set(`${method} ${path}`, handler);
}

function calls(path: string): Seen[] {
  return seen.filter((s) => new URL(s.url, 'http://x').pathname === path);
}

function client(overrides: Partial<ApiClientConfig> = {}) {
  return createApiClient({ baseUrl, refreshOnUnauthorized: true, ...overrides });
}

/** Awaits a promise that must reject and returns its reason. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const handler = routes.get(`${req.method ?? ''} ${path}`);
      if (handler) handler(req, res, body);
      else json(res, 404, { code: 'not_found', message: 'No such route', requestId: 'srv-404' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen = [];
  routes = new Map();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const thingSchema = z.object({ id: z.string(), count: z.number().int() });

describe('createApiClient: success', () => {
  it('parses the answer with the schema (unknown fields dropped)', async () => {
    route('GET', '/api/v1/thing', (_req, res) => json(res, 200, { id: 't1', count: 3, extra: 'ignored' }));
    await expect(client().request('/api/v1/thing', thingSchema)).resolves.toEqual({ id: 't1', count: 3 });
  });

  it('sends a request id, accepts JSON and leaves undefined/null query values out', async () => {
    route('GET', '/api/v1/thing', (_req, res) => json(res, 200, { id: 't1', count: 1 }));
    await client().request('/api/v1/thing', thingSchema, {
      query: { page: 2, status: 'paid', q: undefined, from: null, all: false },
    });
    const [call] = calls('/api/v1/thing');
    expect(call?.url).toBe('/api/v1/thing?page=2&status=paid&all=false');
    expect(call?.headers.accept).toBe('application/json');
    expect(call?.headers['x-request-id']).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('sends a JSON body with its content type and the configured headers', async () => {
    route('POST', '/api/v1/things', (_req, res, body) =>
      json(res, 201, { id: 'new', count: (JSON.parse(body) as { n: number }).n }),
    );
    const created = await client({ headers: { cookie: 'portico_at=abc' } }).request(
      '/api/v1/things',
      thingSchema,
      {
        method: 'POST',
        body: { n: 7 },
      },
    );
    expect(created).toEqual({ id: 'new', count: 7 });
    const [call] = calls('/api/v1/things');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.headers.cookie).toBe('portico_at=abc');
    expect(call?.body).toBe('{"n":7}');
  });

  it('sends a fresh Idempotency-Key with every mutation, the given one when passed, none on reads', async () => {
    route('POST', '/api/v1/things', (_req, res) => json(res, 201, { id: 'new', count: 1 }));
    route('GET', '/api/v1/thing', (_req, res) => json(res, 200, { id: 't1', count: 1 }));
    await client().request('/api/v1/things', thingSchema, { method: 'POST', body: {} });
    await client().request('/api/v1/things', thingSchema, { method: 'POST', body: {} });
    await client().request('/api/v1/things', thingSchema, {
      method: 'POST',
      body: {},
      idempotencyKey: 'retry-of-one-operation',
    });
    await client().request('/api/v1/thing', thingSchema);
    const keys = calls('/api/v1/things').map((c) => c.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('retry-of-one-operation');
    expect(calls('/api/v1/thing')[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('send() resolves on 204 without parsing a body', async () => {
    route('POST', '/api/v1/auth/logout', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client().send('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});

describe('createApiClient: schema loaders', () => {
  it("loads a domain schema on the call and parses the answer with it (the domain's own rules apply)", async () => {
    route('GET', '/api/v1/codes', (_req, res) => json(res, 200, 'forbidden'));
    route('GET', '/api/v1/bad-code', (_req, res) => json(res, 200, 'no_such_code'));
    const codes = domainSchema((d) => d.apiErrorCodeSchema);
    await expect(client().request('/api/v1/codes', codes)).resolves.toBe('forbidden');
    await expect(client().request('/api/v1/bad-code', codes)).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('reports a loader that fails (its chunk could not be fetched) as a network_error, not a crash', async () => {
    route('GET', '/api/v1/thing', (_req, res) => json(res, 200, { id: 't1', count: 3 }));
    const failing = () => Promise.reject(new Error('Loading chunk 42 failed'));
    const error = await rejection(client().request('/api/v1/thing', failing));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(calls('/api/v1/thing')).toHaveLength(1);
  });
});

describe('createApiClient: errors', () => {
  it('turns an error body into an ApiError with code, message, requestId and details', async () => {
    route('POST', '/api/v1/things', (_req, res) =>
      json(res, 400, {
        code: 'validation_failed',
        message: 'The request is invalid.',
        requestId: 'req-123',
        details: [{ path: 'body.subject', message: 'must be at least 5 characters' }],
      }),
    );
    const error = await rejection(
      client().request('/api/v1/things', thingSchema, { method: 'POST', body: {} }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'The request is invalid.',
      requestId: 'req-123',
      details: [{ path: 'body.subject', message: 'must be at least 5 characters' }],
    });
  });

  it('uses the echoed x-request-id when the body carries none, and an empty details list when absent', async () => {
    route('GET', '/api/v1/thing', (_req, res) =>
      json(
        res,
        403,
        { code: 'forbidden', message: 'Not a member.', requestId: '' },
        { 'x-request-id': 'hdr-9' },
      ),
    );
    const error = await rejection(client().request('/api/v1/thing', thingSchema));
    expect(error).toMatchObject({ status: 403, code: 'forbidden', requestId: 'hdr-9', details: [] });
  });

  it('turns a non-JSON error page into an http_error carrying the request id it sent', async () => {
    route('GET', '/api/v1/thing', (_req, res) => {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      res.end('<html>upstream down</html>');
    });
    const error = await rejection(client().request('/api/v1/thing', thingSchema));
    const sentId = calls('/api/v1/thing')[0]?.headers['x-request-id'];
    expect(error).toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'Bad Gateway',
      requestId: sentId,
    });
  });

  it('turns a success body that fails the schema into an invalid_response error, not a crash', async () => {
    route('GET', '/api/v1/thing', (_req, res) =>
      json(res, 200, { id: 42, count: 'three' }, { 'x-request-id': 'hdr-1' }),
    );
    const error = await rejection(client().request('/api/v1/thing', thingSchema));
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', requestId: 'hdr-1' });
    expect((error as ApiError).message).toMatch(/does not understand/);
    expect((error as ApiError).details.map((d) => d.path).sort()).toEqual(['count', 'id']);
  });

  it('turns an unreadable success body into an invalid_response error', async () => {
    route('GET', '/api/v1/thing', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "t1", ');
    });
    await expect(client().request('/api/v1/thing', thingSchema)).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('reports an unreachable server as network_error with status 0', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const error = await rejection(
      createApiClient({ baseUrl: `http://127.0.0.1:${port}`, refreshOnUnauthorized: false }).request(
        '/x',
        thingSchema,
      ),
    );
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('gives up after timeoutMs with a network_error', async () => {
    route('GET', '/api/v1/slow', (_req, res) => {
      setTimeout(() => json(res, 200, { id: 'late', count: 1 }), 1_000);
    });
    const started = Date.now();
    await expect(client({ timeoutMs: 100 }).request('/api/v1/slow', thingSchema)).rejects.toMatchObject({
      code: 'network_error',
    });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('rethrows the caller’s own abort instead of reporting a network error', async () => {
    route('GET', '/api/v1/slow', (_req, res) => {
      setTimeout(() => json(res, 200, { id: 'late', count: 1 }), 1_000);
    });
    const controller = new AbortController();
    const pending = client().request('/api/v1/slow', thingSchema, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(isApiError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('createApiClient: session refresh on 401', () => {
  const unauthenticated = { code: 'unauthenticated', message: 'Sign in again.', requestId: 'r-401' };

  /** A protected route that answers 401 until the refresh endpoint has been called `validAfter` times. */
  function protectedRoute(validAfterRefreshes: number, refreshStatus = 200): void {
    route('POST', '/api/v1/auth/refresh', (_req, res) =>
      refreshStatus === 200 ? json(res, 200, { ok: true }) : json(res, refreshStatus, unauthenticated),
    );
    route('GET', '/api/v1/thing', (_req, res) => {
      if (calls('/api/v1/auth/refresh').length >= validAfterRefreshes)
        json(res, 200, { id: 'fresh', count: 1 });
      else json(res, 401, unauthenticated);
    });
  }

  it('refreshes once and retries the call', async () => {
    protectedRoute(1);
    const onUnauthenticated = jest.fn();
    await expect(client({ onUnauthenticated }).request('/api/v1/thing', thingSchema)).resolves.toEqual({
      id: 'fresh',
      count: 1,
    });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls('/api/v1/auth/refresh')[0]?.method).toBe('POST');
    expect(calls('/api/v1/thing')).toHaveLength(2);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('does not loop when the retried call is still 401: one refresh, then unauthenticated', async () => {
    protectedRoute(Number.POSITIVE_INFINITY);
    const onUnauthenticated = jest.fn();
    const error = await rejection(client({ onUnauthenticated }).request('/api/v1/thing', thingSchema));
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', requestId: 'r-401' });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls('/api/v1/thing')).toHaveLength(2);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('reports a dead session when the refresh itself is refused, without retrying', async () => {
    protectedRoute(1, 401);
    const onUnauthenticated = jest.fn();
    await expect(client({ onUnauthenticated }).request('/api/v1/thing', thingSchema)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls('/api/v1/thing')).toHaveLength(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between concurrent 401s', async () => {
    protectedRoute(1);
    const api = client();
    const results = await Promise.all([1, 2, 3].map(() => api.request('/api/v1/thing', thingSchema)));
    expect(results).toEqual([1, 2, 3].map(() => ({ id: 'fresh', count: 1 })));
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('never refreshes when refreshOnUnauthorized is off (server rendering)', async () => {
    protectedRoute(1);
    const onUnauthenticated = jest.fn();
    await expect(
      client({ refreshOnUnauthorized: false, onUnauthenticated }).request('/api/v1/thing', thingSchema),
    ).rejects.toMatchObject({
      status: 401,
    });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(0);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not refresh on a 401 from the login endpoint (wrong password)', async () => {
    route('POST', '/api/v1/auth/refresh', (_req, res) => json(res, 200, {}));
    route('POST', '/api/v1/auth/login', (_req, res) =>
      json(res, 401, {
        code: 'unauthenticated',
        message: 'Email and password do not match.',
        requestId: 'r-login',
      }),
    );
    const onUnauthenticated = jest.fn();
    const error = await rejection(
      client({ onUnauthenticated }).request('/api/v1/auth/login', thingSchema, {
        method: 'POST',
        body: { email: 'a@b.c', password: 'x' },
      }),
    );
    expect(error).toMatchObject({ status: 401, message: 'Email and password do not match.' });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(0);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe('createApiClient: CSRF header', () => {
  const g = globalThis as { document?: { cookie: string } };
  afterEach(() => {
    delete g.document;
  });

  it('reads the CSRF cookie, with or without the __Host- prefix', () => {
    expect(csrfTokenFrom('a=1; portico_csrf=n1.mac; b=2')).toBe('n1.mac');
    expect(csrfTokenFrom('__Host-portico_csrf=n2.mac')).toBe('n2.mac');
    expect(csrfTokenFrom('portico_at=x')).toBeNull();
  });

  it('echoes the CSRF cookie in x-csrf-token on state-changing calls and refreshes, never on GET', async () => {
    g.document = { cookie: 'portico_at=x; portico_csrf=tok.sig' };
    route('POST', '/api/v1/things', (_req, res) => json(res, 201, { id: 'new', count: 1 }));
    route('GET', '/api/v1/thing', (_req, res) =>
      calls('/api/v1/auth/refresh').length > 0
        ? json(res, 200, { id: 'a', count: 1 })
        : json(res, 401, { code: 'unauthenticated', message: 'x', requestId: 'r' }),
    );
    route('POST', '/api/v1/auth/refresh', (_req, res) => json(res, 200, { ok: true }));
    await client().request('/api/v1/things', thingSchema, { method: 'POST', body: {} });
    await client().request('/api/v1/thing', thingSchema);
    expect(calls('/api/v1/things')[0]?.headers['x-csrf-token']).toBe('tok.sig');
    expect(calls('/api/v1/auth/refresh')[0]?.headers['x-csrf-token']).toBe('tok.sig');
    expect(calls('/api/v1/thing').every((c) => c.headers['x-csrf-token'] === undefined)).toBe(true);
  });
});

describe('createApiClient: page language', () => {
  const g = globalThis as { document?: { cookie: string; documentElement?: { lang: string } } };
  afterEach(() => {
    delete g.document;
  });

  it("sends the page's language as Accept-Language, so the BFF words configured texts in it", async () => {
    route('GET', '/api/v1/thing', (_req, res) => json(res, 200, { id: 'a', count: 1 }));
    g.document = { cookie: '', documentElement: { lang: 'de' } };
    await client().request('/api/v1/thing', thingSchema);
    g.document = { cookie: '', documentElement: { lang: '' } };
    await client().request('/api/v1/thing', thingSchema);
    // The server variant names the request's language itself.
    delete g.document;
    await client({ headers: { 'accept-language': 'en' } }).request('/api/v1/thing', thingSchema);
    // Without a page language the runtime's own default goes (Node's fetch: `*`, which the BFF reads as English).
    const sent = calls('/api/v1/thing').map((c) => c.headers['accept-language']);
    expect([sent[0], sent[2]]).toEqual(['de', 'en']);
    expect(sent[1]).not.toBe('de');
  });
});
