import { request as httpRequest } from 'node:http';
import { apiErrorSchema } from '@portico/domain';
import { DEMO_PASSWORD } from '../../src/core/database/demo-seed';
import { accountIdByName, loginAs, sessionHeaders } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The holes an outside probe found in the HTTP layer, each probed over HTTP from outside the process: client
 * addresses from `X-Forwarded-For`, form-encoded and cross-origin mutations, malformed path ids, XML nesting, over-long
 * addresses and query strings, security headers and the connection after a 413.
 */
describe('HTTP hardening (integration, from outside)', () => {
  let t: TestApp;
  let cookie: string;
  let acme: string;

  /** Asserts `res` is an error in the contract (`{code, message, requestId}`) with `status`; returns the body. */
  async function expectContractError(
    res: Response,
    status: number,
  ): Promise<{ code: string; message: string }> {
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) as string });
    const body = apiErrorSchema.parse(JSON.parse(text));
    expect(body.code.length).toBeGreaterThan(0);
    expect(body.message.length).toBeGreaterThan(0);
    return body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await loginAs(t.url, 'owner@acme.example');
    acme = await accountIdByName(t.url, cookie, 'Acme Hosting Ltd');
  });

  afterAll(async () => {
    await t.close();
  });

  describe('client address (TRUSTED_PROXIES)', () => {
    async function failedLogins(url: string, email: string, count: number): Promise<number[]> {
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) {
        const res = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
          body: JSON.stringify({ email, password: 'not-the-password-1' }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return statuses;
    }

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy: a new address per try does not escape the lockout', async () => {
      const untrusting = await createTestApp({ TRUSTED_PROXIES: [] });
      try {
        const statuses = await failedLogins(
          untrusting.url,
          'xff-untrusted@acme.example',
          untrusting.env.LOGIN_MAX_FAILURES_PER_MINUTE + 2,
        );
        expect(statuses).toContain(429);
      } finally {
        await untrusting.close();
      }
    });

    it('reads the client from X-Forwarded-For when the peer is a trusted proxy (default: loopback, the portal)', async () => {
      const statuses = await failedLogins(
        t.url,
        'xff-trusted@acme.example',
        t.env.LOGIN_MAX_FAILURES_PER_MINUTE + 2,
      );
      expect(statuses).not.toContain(429);
    });
  });

  describe('JSON only and same origin for mutations', () => {
    it('refuses a form-encoded login with 415 (login CSRF)', async () => {
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'owner@acme.example', password: DEMO_PASSWORD }).toString(),
      });
      expect(res.headers.getSetCookie()).toEqual([]);
      await expectContractError(res, 415);
    });

    it('refuses a form-encoded password/forgot and a text/plain mutation with 415', async () => {
      const forgot = await fetch(`${t.url}/api/v1/auth/password/forgot`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=owner%40acme.example',
      });
      await expectContractError(forgot, 415);
      const plain = await fetch(`${t.url}/api/v1/accounts/${acme}/members/invites`, {
        method: 'POST',
        headers: sessionHeaders(cookie, { 'content-type': 'text/plain' }),
        body: JSON.stringify({ email: 'plain@example.com', role: 'viewer' }),
      });
      await expectContractError(plain, 415);
    });

    it('refuses a JSON login from a foreign Origin or a cross-site fetch with 403', async () => {
      const body = JSON.stringify({ email: 'owner@acme.example', password: DEMO_PASSWORD });
      const foreign = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body,
      });
      expect(foreign.headers.getSetCookie()).toEqual([]);
      await expectContractError(foreign, 403);
      const crossSite = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
        body,
      });
      await expectContractError(crossSite, 403);
      const own = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: t.env.PORTAL_ORIGIN,
          'sec-fetch-site': 'same-origin',
        },
        body,
      });
      expect(own.status).toBe(200);
    });

    it('refuses a cookie-authenticated mutation from a foreign Origin even with the CSRF token', async () => {
      const res = await fetch(`${t.url}/api/v1/accounts/${acme}/members/invites`, {
        method: 'POST',
        headers: sessionHeaders(cookie, {
          'content-type': 'application/json',
          origin: 'https://evil.example',
        }),
        body: JSON.stringify({ email: 'foreign-origin@example.com', role: 'viewer' }),
      });
      await expectContractError(res, 403);
    });
  });

  describe('malformed input is a 4xx with a code, never a 5xx', () => {
    it.each([
      ['PATCH', 'members/abc', { role: 'viewer' }],
      ['DELETE', 'members/abc', undefined],
      ['POST', 'members/invites/abc/resend', undefined],
      ['DELETE', 'members/invites/abc', undefined],
      ['DELETE', 'usage/alerts/abc', undefined],
      ['PATCH', 'usage/alerts/abc', { name: 'x' }],
      ['POST', 'notifications/abc/read', undefined],
    ])('%s .../%s answers 400 or 404', async (method, path, body) => {
      const res = await fetch(`${t.url}/api/v1/accounts/${acme}/${path}`, {
        method,
        headers: sessionHeaders(cookie, body ? { 'content-type': 'application/json' } : {}),
        body: body ? JSON.stringify(body) : undefined,
      });
      expect([400, 404]).toContain(res.status);
      await expectContractError(res, res.status);
    });

    it('a non-UUID account id answers 404, not a database error', async () => {
      const res = await fetch(`${t.url}/api/v1/accounts/not-a-uuid/members`, { headers: { cookie } });
      await expectContractError(res, 404);
    });

    it('a Salesforce Outbound Message nested 100 deep inside a field answers 400', async () => {
      const deep = `${'<x>'.repeat(100)}v${'</x>'.repeat(100)}`;
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
        `<notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${deep}</OrganizationId></notifications>` +
        '</soapenv:Body></soapenv:Envelope>';
      const res = await fetch(`${t.url}/webhooks/salesforce/outbound`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: xml,
      });
      await expectContractError(res, 400);
    });

    it('an invite to a 319-character address answers 400 (RFC 5321 allows 254)', async () => {
      const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(58)}.com`;
      expect(email.length).toBe(319);
      const res = await fetch(`${t.url}/api/v1/accounts/${acme}/members/invites`, {
        method: 'POST',
        headers: sessionHeaders(cookie, { 'content-type': 'application/json' }),
        body: JSON.stringify({ email, role: 'viewer' }),
      });
      await expectContractError(res, 400);
    });
  });

  describe('framework errors in the contract', () => {
    it('an over-long query string answers 431 with code and message', async () => {
      const res = await fetch(`${t.url}/api/v1/me?q=${'a'.repeat(70_000)}`, { headers: { cookie } });
      const body = await expectContractError(res, 431);
      expect(body.code).toBe('request_too_large');
    });

    it('an unknown /api/v1 path answers a JSON 404', async () => {
      await expectContractError(await fetch(`${t.url}/api/v1/no-such-thing`), 404);
    });

    it('a too-large JSON body answers 413 payload_too_large', async () => {
      const big = await fetch(`${t.url}/api/v1/auth/password/forgot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', pad: 'x'.repeat(1_100_000) }),
      });
      expect((await expectContractError(big, 413)).code).toBe('payload_too_large');
    });
  });

  it('sends security headers on API responses (helmet)', async () => {
    const res = await fetch(`${t.url}/api/v1/me`, { headers: { cookie } });
    await res.arrayBuffer();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('closes the connection after refusing a too-large webhook body (413), so no request waits behind it', async () => {
    const { status, connection } = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${t.url}/webhooks/whmcs`,
          { method: 'POST', headers: { 'content-type': 'application/json', connection: 'keep-alive' } },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
          },
        );
        req.on('error', reject);
        req.end(Buffer.alloc(1_200_000, 'a'));
      },
    );
    expect(status).toBe(413);
    expect(connection).toBe('close');
  });
});
