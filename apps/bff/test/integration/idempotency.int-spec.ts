import { randomUUID } from 'node:crypto';
import { apiErrorSchema, inviteSchema } from '@portico/domain';
import type { Client } from 'pg';
import { requestFingerprint } from '../../src/core/http/idempotency/idempotency.interceptor';
import { testDb } from '../factories/db';
import { accountIdByName, loginAs, sessionHeaders } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * `Idempotency-Key` on mutating routes, from outside over HTTP: a retry replays the first response without running
 * the request again, a reused key with another body is 422, a key whose first request is running is 409.
 */
describe('idempotency keys (integration)', () => {
  let t: TestApp;
  let db: Client;
  let cookie: string;
  let acme: string;

  const invite = (email: string, key?: string) =>
    fetch(`${t.url}/api/v1/accounts/${acme}/members/invites`, {
      method: 'POST',
      headers: sessionHeaders(cookie, {
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      }),
      body: JSON.stringify({ email, role: 'viewer' }),
    });
  const invitesTo = async (email: string) =>
    Number((await db.query('SELECT count(*) FROM invites WHERE email = $1', [email])).rows[0].count);

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    cookie = await loginAs(t.url, 'owner@acme.example');
    acme = await accountIdByName(t.url, cookie, 'Acme Hosting Ltd');
  });

  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('replays the first response to a retry with the same key, and runs the request once', async () => {
    const key = randomUUID();
    const email = `idem-${key.slice(0, 8)}@example.com`;
    const first = await invite(email, key);
    expect(first.status).toBe(201);
    const created = inviteSchema.parse(await first.json());
    const retry = await invite(email, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(inviteSchema.parse(await retry.json())).toEqual(created);
    expect(await invitesTo(email)).toBe(1);
    // Without the key the same request runs again (and the pending invite answers 409).
    expect((await invite(email)).status).toBe(409);
  });

  it('answers 422 to the same key with a different body', async () => {
    const key = randomUUID();
    expect((await invite(`idem-a-${key.slice(0, 8)}@example.com`, key)).status).toBe(201);
    const reused = await invite(`idem-b-${key.slice(0, 8)}@example.com`, key);
    expect(reused.status).toBe(422);
    expect(apiErrorSchema.parse(await reused.json()).code).toBe('idempotency_key_reused');
    expect(await invitesTo(`idem-b-${key.slice(0, 8)}@example.com`)).toBe(0);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const key = randomUUID();
    const me = (await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie } })).json()) as {
      user: { id: string };
    };
    await db.query(
      `INSERT INTO idempotency_keys (principal, key, fingerprint, state, expires_at) VALUES ($1, $2, 'x', 'in_flight', now() + interval '1 hour')`,
      [`user:${me.user.id}`, key],
    );
    const email = `idem-c-${key.slice(0, 8)}@example.com`;
    const body = JSON.stringify({ email, role: 'viewer' });
    const fingerprint = requestFingerprint(
      'POST',
      `/api/v1/accounts/${acme}/members/invites`,
      JSON.parse(body),
    );
    await db.query('UPDATE idempotency_keys SET fingerprint = $1 WHERE key = $2', [fingerprint, key]);
    const busy = await invite(email, key);
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(apiErrorSchema.parse(await busy.json()).code).toBe('idempotency_key_in_flight');
    expect(await invitesTo(email)).toBe(0);
  });

  it('a failed first request stores nothing: its retry runs again', async () => {
    const key = randomUUID();
    const bad = await fetch(`${t.url}/api/v1/accounts/${acme}/members/invites`, {
      method: 'POST',
      headers: sessionHeaders(cookie, { 'content-type': 'application/json', 'idempotency-key': key }),
      body: JSON.stringify({ email: 'owner@acme.example', role: 'viewer' }),
    });
    expect(bad.status).toBe(409);
    expect(
      Number((await db.query('SELECT count(*) FROM idempotency_keys WHERE key = $1', [key])).rows[0].count),
    ).toBe(0);
  });

  it('refuses a malformed key with 400', async () => {
    const res = await invite('idem-bad@example.com', 'x'.repeat(300));
    expect(res.status).toBe(400);
  });
});
