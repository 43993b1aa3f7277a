import type { ChildProcess } from 'node:child_process';
import type { Client } from 'pg';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { startBffProcess } from '../support/bff-process';
import { freePort } from '../support/free-port';
import { loginAs, sessionHeaders } from '../support/login';

/** Operations of the OpenAPI document, as far as the fuzz needs them. */
interface Operation {
  method: string;
  path: string;
  query: string[];
  bodyFields: string[];
  json: boolean;
}

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
      }
    >
  >;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

/**
 * Routes the fuzz leaves alone: they end the fuzzing session itself (logout, revoke all sessions, refresh rotation),
 * and the health probes.
 */
const SKIPPED = new Set([
  'POST /api/v1/auth/logout',
  'DELETE /api/v1/auth/sessions',
  'POST /api/v1/auth/refresh',
]);

/** Values that break naive parsers, ORMs and templates. */
const NASTY: unknown[] = [
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\u0000\u202e\uFEFF',
  'ü̈́̈́𝕏😀'.repeat(50),
  'x'.repeat(100_000),
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  { $gt: '' },
  { __proto__: { polluted: true } },
];

/** Bad values for a path parameter (the real account id stays, so checks past membership run). */
const BAD_PATH_VALUES = [
  'abc',
  "1' OR '1'='1",
  '%00',
  '..%2F..%2Fmetrics',
  'ü'.repeat(200),
  '0',
  '-1',
  'x'.repeat(2000),
];

function operations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const ref = content['application/json']?.schema?.$ref?.split('/').at(-1);
      ops.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: Object.keys((ref && doc.components?.schemas?.[ref]?.properties) ?? {}),
        json: 'application/json' in content || Object.keys(content).length === 0,
      });
    }
  }
  return ops;
}

/** The requests tried against one operation: bad path values, bad query values, bad and hostile bodies. */
function* cases(
  op: Operation,
  accountId: string,
): Generator<{ path: string; body?: string; contentType?: string }> {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const fill = (bad: string) =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'accountId' && params.length > 1 ? accountId : encodeURIComponent(bad),
    );
  const basePath = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'accountId' ? accountId : '00000000-0000-4000-8000-000000000000',
  );
  if (params.length > 0) for (const bad of BAD_PATH_VALUES) yield { path: fill(decodeURIComponent(bad)) };
  for (const value of [
    '__proto__',
    "'; DROP TABLE users; --",
    'x'.repeat(5000),
    '-99999999999999999999',
    '2026-13-45T99:99:99Z',
    '%E0%A4%A',
  ]) {
    const query = op.query
      .map((q) => `${q}=${value.startsWith('%') ? value : encodeURIComponent(value)}`)
      .join('&');
    if (query) yield { path: `${basePath}?${query}` };
  }
  if (op.method === 'GET' || op.method === 'HEAD') return;
  yield { path: basePath, body: '{"a":', contentType: 'application/json' };
  yield { path: basePath, body: '[]', contentType: 'application/json' };
  yield { path: basePath, body: 'null', contentType: 'application/json' };
  yield {
    path: basePath,
    body: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
    contentType: 'application/json',
  };
  yield { path: basePath, body: 'email=a%40b.c', contentType: 'application/x-www-form-urlencoded' };
  for (const value of NASTY) {
    const body = Object.fromEntries(op.bodyFields.map((f) => [f, value]));
    yield {
      path: basePath,
      body: JSON.stringify(op.bodyFields.length > 0 ? body : { value }),
      contentType: 'application/json',
    };
  }
}

/**
 * A generated fuzz of every route in the OpenAPI document, sent over HTTP to the built BFF running as its own
 * process: wrong types, huge strings, unicode, malformed JSON, injection strings, `__proto__`, malformed path ids and
 * query values. No answer may be a 5xx, and every 4xx must carry `code` and `message`.
 */
describe('security fuzz of the OpenAPI routes (integration, BFF as a separate process)', () => {
  let bff: ChildProcess;
  let url: string;
  let db: Client;
  let cookie: string;
  let accountId: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    bff = await startBffProcess(port, {
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      LOGIN_MAX_FAILURES_PER_MINUTE: '1000000',
    });
    db = await testDb();
    accountId = (await createAccount(db, { name: 'Fuzz Target Ltd' })).id;
    const owner = await createUser(db, { memberships: [{ accountId, role: 'owner' }] });
    cookie = await loginAs(url, owner.email, owner.password);
  }, 120_000);

  afterAll(async () => {
    await db.end();
    bff.kill('SIGTERM');
  });

  it('answers every generated request with no 5xx and every 4xx in the contract', async () => {
    const doc = (await (await fetch(`${url}/api/docs-json`)).json()) as OpenApi;
    const ops = operations(doc).filter(
      (op) => op.path.startsWith('/api/v1/') && !SKIPPED.has(`${op.method} ${op.path}`),
    );
    expect(ops.length).toBeGreaterThan(50);
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      for (const c of cases(op, accountId)) {
        const headers = sessionHeaders(cookie, c.contentType ? { 'content-type': c.contentType } : {});
        const res = await fetch(`${url}${c.path}`, { method: op.method, headers, body: c.body });
        const text = await res.text();
        sent++;
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        const where = `${op.method} ${c.path.slice(0, 120)} ${c.body?.slice(0, 80) ?? ''}`;
        if (res.status >= 500) failures.push(`${res.status} ${where}: ${text.slice(0, 200)}`);
        if (res.status >= 400 && res.status < 500) {
          let body: { code?: unknown; message?: unknown } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            // not JSON: reported below
          }
          if (typeof body.code !== 'string' || typeof body.message !== 'string')
            failures.push(`${res.status} without code/message ${where}: ${text.slice(0, 200)}`);
        }
      }
    }
    const figures = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    process.stdout.write(
      `security fuzz: ${sent} requests over ${ops.length} operations; responses by status: ${figures}\n`,
    );
    expect(failures).toEqual([]);
    // The session survived the fuzz: nothing it sent signed it out or escalated it.
    expect((await fetch(`${url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
  }, 600_000);
});
