import { expect, test, type APIResponse } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USER, signIn } from './helpers';

/** The BFF (for its OpenAPI document); the fuzz itself goes through the portal's proxy. */
const BFF_URL = (process.env.BFF_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
/** Signs in for the fuzz: an account no other suite changes (the degraded-dashboard test only reads it). */
const FUZZ_USER = { email: 'owner@initech.example', password: DEMO_PASSWORD } as const;
/** Routes the fuzz leaves alone: they would end its own session. */
const SKIPPED = new Set([
  'POST /api/v1/auth/logout',
  'DELETE /api/v1/auth/sessions',
  'POST /api/v1/auth/refresh',
]);

/** Asserts an error answer in the contract (`{ code, message, requestId }`, JSON) and returns its code. */
async function contractError(res: APIResponse, status: number): Promise<string> {
  expect(res.status()).toBe(status);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = (await res.json()) as { code?: unknown; message?: unknown; requestId?: unknown };
  expect(typeof body.code).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(typeof body.requestId).toBe('string');
  return body.code as string;
}

/** The holes an outside probe found, tried through the portal's origin as a browser or a careless client would. */
test.describe('HTTP security through the portal', () => {
  test('pages carry a nonce CSP without framing, nosniff, a referrer and a permissions policy, and still work', async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const first = await page.goto('/login');
    const headers = first?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    const second = await page.request.get('/login');
    expect(second.headers()['content-security-policy']).not.toBe(csp);
    await signIn(page, DEMO_USER);
    expect(violations).toEqual([]);
  });

  test('a form-encoded or cross-origin login is refused, a JSON one from the portal works', async ({
    request,
    baseURL,
  }) => {
    const form = await request.post('/api/v1/auth/login', {
      form: { email: DEMO_USER.email, password: DEMO_PASSWORD },
    });
    expect(await contractError(form, 415)).toBe('unsupported_media_type');
    expect(form.headers()['set-cookie']).toBeUndefined();
    const foreign = await request.post('/api/v1/auth/login', {
      data: DEMO_USER,
      headers: { origin: 'https://evil.example' },
    });
    expect(await contractError(foreign, 403)).toBe('csrf_failed');
    const own = await request.post('/api/v1/auth/login', {
      data: DEMO_USER,
      headers: { origin: new URL(baseURL ?? '').origin },
    });
    expect(own.status()).toBe(200);
  });

  test('a client-sent X-Forwarded-For does not escape the login lockout', async ({ request }) => {
    const email = `xff-${Date.now()}@acme.example`;
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const res = await request.post('/api/v1/auth/login', {
        data: { email, password: 'wrong-password-1' },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
      statuses.push(res.status());
    }
    expect(statuses).toContain(429);
  });

  test('unknown /api/v1 paths answer a JSON 404 in the contract', async ({ request }) => {
    for (const path of [
      '/api/v1',
      '/api/v1/',
      '/api/v1/no-such-route',
      '/api/v1/accounts/not-a-uuid/members',
    ]) {
      const res = await request.get(path);
      expect([401, 404]).toContain(res.status());
      await contractError(res, res.status());
    }
    expect(await contractError(await request.get('/api/v1/no-such-route'), 404)).toBe('not_found');
  });

  test('a body over 1 MiB is answered 413 by the proxy, not 502', async ({ request }) => {
    const res = await request.post('/api/v1/auth/password/forgot', {
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ email: 'big@example.com', pad: 'x'.repeat(1_200_000) }),
    });
    expect(await contractError(res, 413)).toBe('payload_too_large');
  });

  test('a fuzz of every OpenAPI route through the proxy: no 5xx, every 4xx in the contract', async ({
    request,
  }) => {
    test.setTimeout(300_000);
    const doc = (await (await request.get(`${BFF_URL}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const login = await request.post('/api/v1/auth/login', { data: FUZZ_USER });
    expect(login.status()).toBe(200);
    const me = (await (await request.get('/api/v1/me')).json()) as {
      memberships: Array<{ accountId: string }>;
    };
    const accountId = me.memberships[0]?.accountId ?? '';
    const csrf =
      (await request.storageState()).cookies.find((c) => c.name.endsWith('portico_csrf'))?.value ?? '';
    const hostile = [
      '{"a":',
      '{"__proto__":{"isAdmin":true}}',
      JSON.stringify({ email: "' OR 1=1 --", name: 'ü'.repeat(5000), role: { $gt: '' } }),
    ];
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        if (SKIPPED.has(`${method} ${path}`)) continue;
        const urls = [
          path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'accountId' ? accountId : 'abc')),
          `${path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'accountId' ? accountId : '00000000-0000-4000-8000-000000000000'))}?page=-1&from=__proto__&q=%E0%A4%A`,
        ];
        for (const url of urls) {
          for (const body of method === 'GET' ? [undefined] : hostile) {
            const res = await request.fetch(url, {
              method,
              headers: { 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
              data: body,
            });
            byStatus.set(res.status(), (byStatus.get(res.status()) ?? 0) + 1);
            const text = await res.text();
            if (res.status() >= 500) failures.push(`${res.status()} ${method} ${url}: ${text.slice(0, 160)}`);
            else if (res.status() >= 400) {
              const parsed = (() => {
                try {
                  return JSON.parse(text) as { code?: unknown; message?: unknown };
                } catch {
                  return {};
                }
              })();
              if (typeof parsed.code !== 'string' || typeof parsed.message !== 'string')
                failures.push(`${res.status()} without code ${method} ${url}`);
            }
          }
        }
      }
    }
    const sent = [...byStatus.values()].reduce((a, b) => a + b, 0);
    console.log(
      `portal proxy fuzz: ${sent} requests; by status: ${[...byStatus.entries()]
        .sort(([a], [b]) => a - b)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    );
    expect(failures).toEqual([]);
  });
});
