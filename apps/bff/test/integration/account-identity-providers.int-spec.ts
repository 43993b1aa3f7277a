import {
  apiErrorSchema,
  identityProviderSchema,
  meSchema,
  oidcDiscoverResponseSchema,
} from '@portico/domain';
import type { Client } from 'pg';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { testDb } from '../factories/db';
import { cookieHeader, loginAs, sessionHeaders } from '../support/login';
import { signInAtProvider } from '../support/oidc-provider';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEST_ENV } from '../support/test-state';

const issuer = process.env[TEST_ENV.oidcIssuer];
const maybe = issuer ? describe : describe.skip;

const SECRET = 'portico-sandbox-oidc-client-secret';
const INITECH = DEMO_ACCOUNTS[2]!.id;
const GLOBEX = DEMO_ACCOUNTS[1]!.id;
const STAFF_DOMAIN = 'initech-staff.example';

maybe('OpenID Connect sign-in per account (integration)', () => {
  let t: TestApp;
  let db: Client;
  let admin: string;
  let owner: string;

  const providerUrl = (accountId: string) => `${t.url}/api/v1/admin/accounts/${accountId}/identity-provider`;
  const put = (accountId: string, body: object, cookie = admin) =>
    fetch(providerUrl(accountId), {
      method: 'PUT',
      headers: sessionHeaders(cookie, { 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
  const initechProvider = (overrides: object = {}) => ({
    issuerUrl: issuer,
    clientId: 'portico-portal',
    clientSecret: SECRET,
    allowedEmailDomains: [STAFF_DOMAIN],
    jitEnabled: true,
    jitRole: 'technical',
    ...overrides,
  });
  const callback = (search: string, cookie: string) =>
    fetch(`${t.url}/api/v1/auth/oidc/callback${search}`, { redirect: 'manual', headers: { cookie } });
  const discover = async (email: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/v1/auth/oidc/discover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email }),
    });

  async function cleanUp(): Promise<void> {
    await db.query(`DELETE FROM users WHERE email LIKE '%@${STAFF_DOMAIN}'`);
    await db.query(`DELETE FROM account_identity_providers`);
    await db.query(`UPDATE accounts SET mfa_required = false WHERE id = $1`, [INITECH]);
    await db.query(
      `DELETE FROM memberships WHERE account_id = $1 AND user_id = (SELECT id FROM users WHERE email = 'billing@acme.example')`,
      [GLOBEX],
    );
  }

  beforeAll(async () => {
    t = await createTestApp({ OIDC_ENABLED: true });
    db = await testDb();
    await cleanUp();
    admin = await loginAs(t.url, 'admin@portico.example');
    owner = await loginAs(t.url, 'owner@acme.example');
  });
  afterAll(async () => {
    await cleanUp();
    await db.end();
    await t.close();
  });

  it('lets a platform administrator create, read, update and delete a provider, never returning the secret', async () => {
    expect((await fetch(providerUrl(INITECH), { headers: { cookie: admin } })).status).toBe(404);
    const created = await put(INITECH, initechProvider({ allowedEmailDomains: ['Initech-Staff.Example'] }));
    expect(created.status).toBe(201);
    const createdText = await created.text();
    expect(createdText).not.toContain(SECRET);
    const provider = identityProviderSchema.parse(JSON.parse(createdText));
    expect(provider).toMatchObject({
      accountId: INITECH,
      issuerUrl: issuer,
      hasClientSecret: true,
      clientSecretHint: `••••${SECRET.slice(-4)}`,
      allowedEmailDomains: [STAFF_DOMAIN],
      jitEnabled: true,
      jitRole: 'technical',
      enabled: true,
    });
    const read = await fetch(providerUrl(INITECH), { headers: { cookie: admin } });
    const readText = await read.text();
    expect(read.status).toBe(200);
    expect(readText).not.toContain(SECRET);
    expect(identityProviderSchema.parse(JSON.parse(readText)).id).toBe(provider.id);
    // At rest: sealed, not readable.
    const row = await db.query(`SELECT client_secret_sealed FROM account_identity_providers WHERE id = $1`, [
      provider.id,
    ]);
    expect(row.rows[0].client_secret_sealed).toMatch(/^v1\./);
    expect(row.rows[0].client_secret_sealed).not.toContain(SECRET);
    // Update without a secret keeps the stored one.
    const updated = await put(INITECH, initechProvider({ clientSecret: undefined, jitRole: 'viewer' }));
    expect(updated.status).toBe(200);
    expect(identityProviderSchema.parse(await updated.json())).toMatchObject({
      jitRole: 'viewer',
      hasClientSecret: true,
    });
    const sealedAfter = await db.query(
      `SELECT client_secret_sealed FROM account_identity_providers WHERE id = $1`,
      [provider.id],
    );
    expect(sealedAfter.rows[0].client_secret_sealed).toBe(row.rows[0].client_secret_sealed);
    const audit = await db.query(
      `SELECT action, metadata FROM audit_events WHERE target = $1 ORDER BY occurred_at`,
      [`identity_provider:${provider.id}`],
    );
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual([
      'admin.identity_provider_created',
      'admin.identity_provider_updated',
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(SECRET);
    // Delete, then it is gone.
    const deleted = await fetch(providerUrl(INITECH), { method: 'DELETE', headers: sessionHeaders(admin) });
    expect(deleted.status).toBe(204);
    expect((await fetch(providerUrl(INITECH), { headers: { cookie: admin } })).status).toBe(404);
    const deletedAudit = await db.query(
      `SELECT 1 FROM audit_events WHERE action = 'admin.identity_provider_deleted'`,
    );
    expect(deletedAudit.rowCount).toBeGreaterThanOrEqual(1);
  });

  it('answers {code, message} for bad input, an unknown account, a taken domain and an unreachable issuer', async () => {
    const noSecret = await put(INITECH, initechProvider({ clientSecret: undefined }));
    expect(noSecret.status).toBe(400);
    expect(apiErrorSchema.parse(await noSecret.json()).code).toBe('validation_failed');
    const owner = await put(INITECH, initechProvider({ jitRole: 'owner' }));
    expect(owner.status).toBe(400);
    const noDomains = await put(INITECH, initechProvider({ allowedEmailDomains: [] }));
    expect(apiErrorSchema.parse(await noDomains.json()).code).toBe('validation_failed');
    expect((await put('not-a-uuid', initechProvider())).status).toBe(404);
    expect((await put('00000000-0000-4000-8000-000000000000', initechProvider())).status).toBe(404);
    const unreachable = await put(INITECH, initechProvider({ issuerUrl: 'http://127.0.0.1:9/' }));
    expect(unreachable.status).toBe(503);
    expect(apiErrorSchema.parse(await unreachable.json()).code).toBe('upstream_unavailable');
    // Without the check the shape alone is validated.
    expect(
      (await put(INITECH, initechProvider({ issuerUrl: 'http://127.0.0.1:9/', verifyDiscovery: false })))
        .status,
    ).toBe(201);
    const taken = await put(GLOBEX, initechProvider());
    expect(taken.status).toBe(409);
    expect(apiErrorSchema.parse(await taken.json())).toMatchObject({ code: 'conflict' });
    await db.query(`DELETE FROM account_identity_providers`);
  });

  it('hides the routes from anyone but a platform administrator', async () => {
    expect((await fetch(providerUrl(INITECH))).status).toBe(401);
    expect((await fetch(providerUrl(INITECH), { headers: { cookie: owner } })).status).toBe(404);
    expect((await put(INITECH, initechProvider(), owner)).status).toBe(404);
    const del = await fetch(providerUrl(INITECH), { method: 'DELETE', headers: sessionHeaders(owner) });
    expect(del.status).toBe(404);
    expect((await db.query(`SELECT 1 FROM account_identity_providers`)).rowCount).toBe(0);
  });

  it('routes an email by its domain alone, the same way for people who exist and who do not', async () => {
    const created = identityProviderSchema.parse(await (await put(INITECH, initechProvider())).json());
    const answers = await Promise.all(
      ['ivy.staff@initech-staff.example', 'nobody-here@initech-staff.example'].map(async (email) =>
        oidcDiscoverResponseSchema.parse(await (await discover(email)).json()),
      ),
    );
    expect(answers).toEqual([
      { provider: 'account', startUrl: `/api/v1/auth/oidc/start?provider=${created.id}` },
      { provider: 'account', startUrl: `/api/v1/auth/oidc/start?provider=${created.id}` },
    ]);
    expect(await (await discover('owner@acme.example')).json()).toEqual({
      provider: 'platform',
      startUrl: '/api/v1/auth/oidc/start',
    });
    expect(await (await discover('owner@globex.example')).json()).toEqual({ provider: null });
    expect(await (await discover('not an email')).json()).toEqual({ provider: null });
    const crossSite = await discover('ivy.staff@initech-staff.example', { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const bad = await fetch(`${t.url}/api/v1/auth/oidc/discover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 5 }),
    });
    expect(apiErrorSchema.parse(await bad.json()).code).toBe('validation_failed');
  });

  it('signs an unknown person of the domain in through the account provider and makes them a member just in time', async () => {
    const { id } = identityProviderSchema.parse(
      await (await fetch(providerUrl(INITECH), { headers: { cookie: admin } })).json(),
    );
    const { search, stateCookie } = await signInAtProvider(
      t.url,
      'ivy.staff@initech-staff.example',
      undefined,
      `/api/v1/auth/oidc/start?email=${encodeURIComponent('ivy.staff@initech-staff.example')}&next=%2Fbilling`,
    );
    const res = await callback(search, stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/billing');
    const me = meSchema.parse(
      await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie: cookieHeader(res) } })).json(),
    );
    expect(me.user.email).toBe('ivy.staff@initech-staff.example');
    expect(me.memberships.map((m) => [m.accountId, m.role])).toEqual([[INITECH, 'technical']]);
    const jit = await db.query(
      `SELECT metadata FROM audit_events WHERE action = 'member.joined_just_in_time' AND account_id = $1`,
      [INITECH],
    );
    expect(jit.rows[0].metadata).toMatchObject({ identityProvider: id, role: 'technical' });
    // A person of another domain at the same provider is refused by this provider's domains.
    const other = await signInAtProvider(
      t.url,
      'owner@globex.example',
      undefined,
      `/api/v1/auth/oidc/start?provider=${id}`,
    );
    expect((await callback(other.search, other.stateCookie)).status).toBe(403);
  });

  it('with just-in-time membership off, signs in existing users only', async () => {
    await put(INITECH, initechProvider({ clientSecret: undefined, jitEnabled: false }));
    const { search, stateCookie } = await signInAtProvider(
      t.url,
      'max.secure@initech-staff.example',
      undefined,
      `/api/v1/auth/oidc/start?email=max.secure%40initech-staff.example`,
    );
    const res = await callback(search, stateCookie);
    expect(res.status).toBe(403);
    expect(
      (await db.query(`SELECT 1 FROM users WHERE email = 'max.secure@initech-staff.example'`)).rowCount,
    ).toBe(0);
    // Ivy exists (from the previous test): she still signs in.
    const ivy = await signInAtProvider(
      t.url,
      'ivy.staff@initech-staff.example',
      undefined,
      `/api/v1/auth/oidc/start?email=ivy.staff%40initech-staff.example`,
    );
    expect((await callback(ivy.search, ivy.stateCookie)).status).toBe(302);
  });

  it('adds an existing user of the domain to the account when just-in-time membership is on', async () => {
    const globex = await put(GLOBEX, {
      ...initechProvider({ allowedEmailDomains: ['acme.example'], jitRole: 'billing' }),
    });
    expect(globex.status).toBe(201);
    const { search, stateCookie } = await signInAtProvider(
      t.url,
      'billing@acme.example',
      undefined,
      '/api/v1/auth/oidc/start?email=billing%40acme.example',
    );
    const res = await callback(search, stateCookie);
    expect(res.status).toBe(302);
    const me = meSchema.parse(
      await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie: cookieHeader(res) } })).json(),
    );
    expect(me.memberships.find((m) => m.accountId === GLOBEX)?.role).toBe('billing');
    await db.query(`DELETE FROM account_identity_providers WHERE account_id = $1`, [GLOBEX]);
  });

  it('counts a second factor asserted by the provider (amr) for the account’s two-factor requirement', async () => {
    await put(INITECH, initechProvider({ clientSecret: undefined, jitEnabled: true }));
    await db.query(`UPDATE accounts SET mfa_required = true WHERE id = $1`, [INITECH]);
    const status = (cookie: string) =>
      fetch(`${t.url}/api/v1/accounts/${INITECH}/status`, { headers: { cookie } });
    // amr ["pwd", "otp"]: no TOTP challenge, and the requirement is met for this session, also after a refresh.
    const max = await signInAtProvider(
      t.url,
      'max.secure@initech-staff.example',
      undefined,
      '/api/v1/auth/oidc/start?email=max.secure%40initech-staff.example',
    );
    const maxRes = await callback(max.search, max.stateCookie);
    expect(maxRes.status).toBe(302);
    expect(maxRes.headers.get('location')).not.toMatch(/step=code/);
    const maxCookie = cookieHeader(maxRes);
    const allowed = await status(maxCookie);
    expect(allowed.status).not.toBe(403);
    const refreshed = await fetch(`${t.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: sessionHeaders(maxCookie),
    });
    expect(refreshed.status).toBe(200);
    expect((await status(cookieHeader(refreshed))).status).not.toBe(403);
    // amr ["pwd"] only: signed in, but sent to enrol, as after a password.
    const ivy = await signInAtProvider(
      t.url,
      'ivy.staff@initech-staff.example',
      undefined,
      '/api/v1/auth/oidc/start?email=ivy.staff%40initech-staff.example',
    );
    const ivyRes = await callback(ivy.search, ivy.stateCookie);
    expect(ivyRes.status).toBe(302);
    const refused = await status(cookieHeader(ivyRes));
    expect(refused.status).toBe(403);
    expect(apiErrorSchema.parse(await refused.json()).code).toBe('mfa_enrolment_required');
  });
});
