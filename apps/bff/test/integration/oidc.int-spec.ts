import { apiErrorSchema, meSchema } from '@portico/domain';
import type { Client } from 'pg';
import { testDb } from '../factories/db';
import { cookieHeader, setCookieValue } from '../support/login';
import { signInAtProvider } from '../support/oidc-provider';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEST_ENV } from '../support/test-state';

const issuer = process.env[TEST_ENV.oidcIssuer];

const maybe = issuer ? describe : describe.skip;

maybe('OpenID Connect sign-in against the sandbox provider (integration)', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ OIDC_ENABLED: true });
    db = await testDb();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const callback = (search: string, cookie?: string) =>
    fetch(`${t.url}/api/v1/auth/oidc/callback${search}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });

  it('tells the login page that provider sign-in is on', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/oidc/config`);
    expect(await res.json()).toEqual({ enabled: true, domains: ['acme.example'] });
  });

  it('signs a demo user in through the provider, links the identity and starts the same session as a password', async () => {
    const { search, stateCookie } = await signInAtProvider(t.url, 'owner@acme.example');
    const res = await callback(search, stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/billing');
    expect(setCookieValue(res, 'portico_rt')).toBeTruthy();
    const me = await fetch(`${t.url}/api/v1/me`, { headers: { cookie: cookieHeader(res) } });
    expect(me.status).toBe(200);
    expect(meSchema.parse(await me.json()).user.email).toBe('owner@acme.example');
    const link = await db.query(
      `SELECT i.subject, i.issuer FROM user_identities i JOIN users u ON u.id = i.user_id WHERE u.email = $1`,
      ['owner@acme.example'],
    );
    expect(link.rows).toEqual([{ subject: 'acme-0001', issuer }]);
    const audit = await db.query(
      `SELECT metadata FROM audit_events WHERE action = 'auth.login_succeeded' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(audit.rows[0].metadata).toMatchObject({ method: 'oidc', issuer });
    // The code was used: the same answer again is refused by the provider, never a 500.
    const replay = await callback(search, stateCookie);
    expect(replay.status).toBe(401);
    expect(apiErrorSchema.parse(await replay.json()).code).toBe('unauthenticated');
  });

  it('refuses a callback without the state cookie, with another sign-in state, or with a tampered state', async () => {
    const first = await signInAtProvider(t.url, 'billing@acme.example');
    const second = await signInAtProvider(t.url, 'billing@acme.example');
    const noCookie = await callback(first.search);
    expect(noCookie.status).toBe(400);
    expect(apiErrorSchema.parse(await noCookie.json()).code).toBe('validation_failed');
    // The answer to the first sign-in with the second's cookie: state mismatch.
    const crossed = await callback(first.search, second.stateCookie);
    expect(crossed.status).toBe(400);
    expect(apiErrorSchema.parse(await crossed.json()).message).toMatch(/did not verify/);
    const forged = await callback(first.search, `${first.stateCookie.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(400);
    const noCode = await callback('?state=abc', second.stateCookie);
    expect(noCode.status).toBe(400);
    const denied = await callback('?error=access_denied&state=x', second.stateCookie);
    expect(denied.status).toBe(401);
    const failures = await db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login_failed' AND metadata->>'method' = 'oidc'`,
    );
    expect(failures.rows[0].n).toBeGreaterThanOrEqual(4);
  });

  it('refuses an unverified email and a person Portico does not know (no just-in-time account)', async () => {
    const unverified = await signInAtProvider(t.url, 'unverified@acme.example');
    const a = await callback(unverified.search, unverified.stateCookie);
    expect(a.status).toBe(403);
    expect(apiErrorSchema.parse(await a.json()).message).toMatch(/not verified/);
    const unknown = await signInAtProvider(t.url, 'new.hire@acme.example');
    const b = await callback(unknown.search, unknown.stateCookie);
    expect(b.status).toBe(403);
    const users = await db.query(`SELECT 1 FROM users WHERE email = 'new.hire@acme.example'`);
    expect(users.rowCount).toBe(0);
  });

  it('refuses a domain outside OIDC_ALLOWED_EMAIL_DOMAINS', async () => {
    const globex = await signInAtProvider(t.url, 'owner@globex.example');
    const res = await callback(globex.search, globex.stateCookie);
    expect(res.status).toBe(403);
    expect(apiErrorSchema.parse(await res.json()).code).toBe('forbidden');
  });

  it('creates an unknown person just in time as a member of OIDC_JIT_ACCOUNT_ID with OIDC_JIT_ROLE', async () => {
    const acme = await db.query(`SELECT id FROM accounts WHERE name = 'Acme Hosting Ltd'`);
    const jit = await createTestApp({
      OIDC_ENABLED: true,
      OIDC_JIT_ACCOUNT_ID: acme.rows[0].id as string,
      OIDC_JIT_ROLE: 'billing',
    });
    try {
      const { search, stateCookie } = await signInAtProvider(jit.url, 'new.hire@acme.example');
      const res = await fetch(`${jit.url}/api/v1/auth/oidc/callback${search}`, {
        redirect: 'manual',
        headers: { cookie: stateCookie },
      });
      expect(res.status).toBe(302);
      const me = meSchema.parse(
        await (await fetch(`${jit.url}/api/v1/me`, { headers: { cookie: cookieHeader(res) } })).json(),
      );
      expect(me.user.email).toBe('new.hire@acme.example');
      expect(me.memberships.map((m) => [m.accountName, m.role])).toEqual([['Acme Hosting Ltd', 'billing']]);
    } finally {
      await db.query(`DELETE FROM users WHERE email = 'new.hire@acme.example'`);
      await jit.close();
    }
  });

  it('answers 404 on every provider route when provider sign-in is off', async () => {
    const off = await createTestApp();
    try {
      const start = await fetch(`${off.url}/api/v1/auth/oidc/start`, { redirect: 'manual' });
      expect(start.status).toBe(404);
      expect(await (await fetch(`${off.url}/api/v1/auth/oidc/config`)).json()).toEqual({
        enabled: false,
        domains: [],
      });
    } finally {
      await off.close();
    }
  });
});
