import { apiErrorSchema, meSchema } from '@portico/domain';
import type { Client } from 'pg';
import { hashRefreshToken } from '../../src/core/auth';
import { DEMO_PASSWORD } from '../../src/core/database/demo-seed';
import { testDb } from '../factories/db';
import { cookieHeader, sessionHeaders, setCookieValue } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

const json = { 'content-type': 'application/json' };

describe('auth (integration)', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const login = (email: string, password: string) =>
    fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password }),
    });
  /** Refreshes with `refreshToken` and the session's CSRF token (cookie and header), as the portal does. */
  const refresh = (refreshToken: string, csrf: string) =>
    fetch(`${t.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: sessionHeaders(`portico_rt=${refreshToken}; portico_csrf=${csrf}`),
    });

  it('logs in with the demo password, sets both cookies and returns Me', async () => {
    const res = await login('Owner@Acme.example', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const me = meSchema.parse(await res.json());
    expect(me.user.email).toBe('owner@acme.example');
    expect(me.memberships.map((m) => [m.accountName, m.role])).toEqual([
      ['Acme Hosting Ltd', 'owner'],
      ['Globex Corporation', 'viewer'],
    ]);
    const cookies = res.headers.getSetCookie();
    const at = cookies.find((c) => c.startsWith('portico_at='));
    const rt = cookies.find((c) => c.startsWith('portico_rt='));
    expect(at).toMatch(/HttpOnly/i);
    expect(at).toMatch(/SameSite=Lax/i);
    expect(at).toMatch(/Path=\//);
    expect(rt).toMatch(/Path=\/;/);
    expect(rt).toMatch(/HttpOnly/i);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const rtValue = setCookieValue(res, 'portico_rt')!;
    const stored = await db.query('SELECT token_hash FROM refresh_tokens WHERE token_hash = $1', [
      hashRefreshToken(rtValue),
    ]);
    expect(stored.rowCount).toBe(1);
    const raw = await db.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [rtValue]);
    expect(raw.rowCount).toBe(0);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await login('owner@acme.example', 'not-the-password');
    const unknown = await login('nobody@acme.example', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = apiErrorSchema.parse(await wrong.json());
    const b = apiErrorSchema.parse(await unknown.json());
    expect(a.code).toBe('unauthenticated');
    expect(a.message).toBe('Invalid email or password');
    expect(b.message).toBe(a.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const audit = await db.query(
      "SELECT metadata FROM audit_events WHERE action = 'auth.login_failed' ORDER BY occurred_at DESC LIMIT 2",
    );
    expect(audit.rowCount).toBe(2);
    expect(JSON.stringify(audit.rows)).not.toContain('nobody@acme.example');
  });

  it('rejects a malformed body with 400 validation_failed and per-field details', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'not-an-email' }),
    });
    expect(res.status).toBe(400);
    const body = apiErrorSchema.parse(await res.json());
    expect(body.code).toBe('validation_failed');
    expect(body.details?.map((d) => d.path).sort()).toEqual(['body.email', 'body.password']);
  });

  it('rejects invalid JSON with 400, not 500', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(await res.json()).code).toBe('validation_failed');
  });

  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const first = await login('owner@globex.example', DEMO_PASSWORD);
    const rt1 = setCookieValue(first, 'portico_rt')!;
    const csrf = setCookieValue(first, 'portico_csrf')!;
    const second = await refresh(rt1, csrf);
    expect(second.status).toBe(200);
    expect(meSchema.parse(await second.json()).user.email).toBe('owner@globex.example');
    const rt2 = setCookieValue(second, 'portico_rt')!;
    expect(rt2).toBeTruthy();
    expect(rt2).not.toBe(rt1);
    expect(setCookieValue(second, 'portico_at')).toBeTruthy();

    const reused = await refresh(rt1, csrf);
    expect(reused.status).toBe(401);
    expect(apiErrorSchema.parse(await reused.json()).code).toBe('unauthenticated');

    // The legitimate successor is revoked too.
    const afterReuse = await refresh(rt2, csrf);
    expect(afterReuse.status).toBe(401);
    const family = await db.query(
      'SELECT count(*)::int AS live FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL',
      [hashRefreshToken(rt2)],
    );
    expect(family.rows[0].live).toBe(0);
    const audit = await db.query("SELECT 1 FROM audit_events WHERE action = 'auth.refresh_reused'");
    expect(audit.rowCount).toBeGreaterThan(0);
  });

  it('rejects refresh without a cookie', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/refresh`, { method: 'POST' });
    expect(res.status).toBe(401);
  });

  it('serves /me with the access cookie or a bearer token, 401 without', async () => {
    const res = await login('owner@initech.example', DEMO_PASSWORD);
    const cookie = cookieHeader(res);
    const me = await fetch(`${t.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(meSchema.parse(await me.json()).memberships).toEqual([
      expect.objectContaining({ accountName: 'Initech GmbH', role: 'owner' }),
    ]);
    const bearer = await fetch(`${t.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${setCookieValue(res, 'portico_at')}` },
    });
    expect(bearer.status).toBe(200);
    const anonymous = await fetch(`${t.url}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(apiErrorSchema.parse(await anonymous.json()).code).toBe('unauthenticated');
    const forged = await fetch(`${t.url}/api/v1/me`, {
      headers: { cookie: 'portico_at=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' },
    });
    expect(forged.status).toBe(401);
  });

  it('logs out: 204, clears the cookies and revokes the refresh token', async () => {
    const res = await login('billing@acme.example', DEMO_PASSWORD);
    const rt = setCookieValue(res, 'portico_rt')!;
    const csrf = setCookieValue(res, 'portico_csrf')!;
    const out = await fetch(`${t.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: sessionHeaders(cookieHeader(res)),
    });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie();
    expect(
      cleared.some(
        (c) => c.startsWith('portico_at=;') || /portico_at=;?.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/.test(c),
      ),
    ).toBe(true);
    expect(cleared.some((c) => c.startsWith('portico_rt='))).toBe(true);
    expect((await refresh(rt, csrf)).status).toBe(401);
  });

  it('echoes a valid x-request-id and replaces an invalid one', async () => {
    const ok = await fetch(`${t.url}/api/v1/me`, { headers: { 'x-request-id': 'trace-123' } });
    expect(ok.headers.get('x-request-id')).toBe('trace-123');
    expect(apiErrorSchema.parse(await ok.json()).requestId).toBe('trace-123');
    const bad = await fetch(`${t.url}/api/v1/me`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('renders unknown routes as 404 not_found', async () => {
    const res = await fetch(`${t.url}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(apiErrorSchema.parse(await res.json()).code).toBe('not_found');
  });
});
