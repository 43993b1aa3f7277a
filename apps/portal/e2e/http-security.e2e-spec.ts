import { expect, test, type APIResponse } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USER, signIn } from './helpers';

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
  test('pages carry a nonce CSP without framing, nosniff, a referrer and a permissions policy, and still work', async ({ page }) => {
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

  test('a form-encoded or cross-origin login is refused, a JSON one from the portal works', async ({ request, baseURL }) => {
    const form = await request.post('/api/v1/auth/login', { form: { email: DEMO_USER.email, password: DEMO_PASSWORD } });
    expect(await contractError(form, 415)).toBe('unsupported_media_type');
    expect(form.headers()['set-cookie']).toBeUndefined();
    const foreign = await request.post('/api/v1/auth/login', { data: DEMO_USER, headers: { origin: 'https://evil.example' } });
    expect(await contractError(foreign, 403)).toBe('csrf_failed');
    const own = await request.post('/api/v1/auth/login', { data: DEMO_USER, headers: { origin: new URL(baseURL ?? '').origin } });
    expect(own.status()).toBe(200);
  });

  test('a client-sent X-Forwarded-For does not escape the login lockout', async ({ request }) => {
    const email = `xff-${Date.now()}@acme.example`;
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const res = await request.post('/api/v1/auth/login', { data: { email, password: 'wrong-password-1' }, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(res.status());
    }
    expect(statuses).toContain(429);
  });

  test('unknown /api/v1 paths answer a JSON 404 in the contract', async ({ request }) => {
    for (const path of ['/api/v1', '/api/v1/', '/api/v1/no-such-route', '/api/v1/accounts/not-a-uuid/members']) {
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
});
