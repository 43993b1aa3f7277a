import type { AccountStatus } from '@portico/domain';
import { accountStatusSchema, meSchema } from '@portico/domain';
import { forgetCachedReads } from '../support/caches';
import { createTestApp, type TestApp } from '../support/test-app';
import { loginAs } from '../support/login';

const MB = 1024 * 1024;

describe('GET /api/v1/accounts/:accountId/status (integration)', () => {
  let t: TestApp;
  let sandbox: string;
  let acmeCookie: string;
  const accounts: Record<string, string> = {};

  async function get(path: string, cookie: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: await res.json() };
  }

  async function fault(body: object): Promise<void> {
    const res = await fetch(`${sandbox}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
  }

  beforeAll(async () => {
    t = await createTestApp();
    sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    // The sandbox is shared by every suite: start from its seeded state.
    expect((await fetch(`${sandbox}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    acmeCookie = await loginAs(t.url, 'owner@acme.example');
    const me = meSchema.parse((await get('/api/v1/me', acmeCookie)).body);
    for (const m of me.memberships) accounts[m.accountName] = m.accountId;
  });
  afterEach(async () => {
    await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every block for the owner of Acme', async () => {
    const acme = accounts['Acme Hosting Ltd'];
    const { status, body } = await get(`/api/v1/accounts/${acme}/status`, acmeCookie);
    expect(status).toBe(200);
    const doc: AccountStatus = accountStatusSchema.parse(body);
    expect(doc.account.name).toBe('Acme Hosting Ltd');
    for (const name of ['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage'] as const) {
      expect({ name, unavailable: doc[name].meta.unavailable }).toEqual({ name, unavailable: false });
      expect(doc[name].meta.fetchedAt).not.toBeNull();
    }
    expect(doc.profile.data?.currency).toBe('USD');
    expect(doc.subscriptions.data?.length).toBeGreaterThanOrEqual(3);
    expect(doc.billing.data?.overdueCount).toBeGreaterThanOrEqual(1);
    expect(doc.billing.data?.unpaidCount).toBeGreaterThanOrEqual(1);
    expect(doc.billing.data?.balanceDue.map((m) => m.currency)).toEqual(['USD']);
    expect(doc.billing.data?.nextInvoice).not.toBeNull();
    expect(doc.cases.data?.openCount).toBe(3);
    expect(doc.cases.data?.open.every((c) => !c.isClosed)).toBe(true);
    const disk = doc.usage.data?.find((tile) => tile.metric === 'disk');
    expect(disk?.limit).toBe((51200 + 10240) * MB);
  });

  it('404s for an account the user is not a member of', async () => {
    const initech = await loginAs(t.url, 'owner@initech.example');
    const { status, body } = await get(`/api/v1/accounts/${accounts['Acme Hosting Ltd']}/status`, initech);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found' });
  });

  it('still answers 200 when WHMCS fails: billing blocks unavailable, cases present', async () => {
    await fault({ upstream: 'whmcs', mode: 'error', status: 500 });
    // Globex: a block set not cached by the previous tests.
    const { status, body } = await get(
      `/api/v1/accounts/${accounts['Globex Corporation']}/status`,
      acmeCookie,
    );
    expect(status).toBe(200);
    const doc = accountStatusSchema.parse(body);
    for (const name of ['profile', 'subscriptions', 'billing'] as const) {
      expect(doc[name].meta).toMatchObject({ unavailable: true, source: 'whmcs' });
      expect(doc[name].meta.reason).toMatch(/Billing system/);
      expect(doc[name].data).toBeNull();
    }
    expect(doc.cases.meta.unavailable).toBe(false);
    expect(doc.crm.meta.unavailable).toBe(false);
  });

  it('still answers 200 when WHMCS times out', async () => {
    await fault({ upstream: 'whmcs', mode: 'timeout' });
    const initech = await loginAs(t.url, 'owner@initech.example');
    const me = meSchema.parse((await get('/api/v1/me', initech)).body);
    const id = me.memberships[0]?.accountId;
    // With Redis the cache outlives one suite: blocks another suite read for Initech would be served fresh.
    await forgetCachedReads(t, [id!]);
    const started = Date.now();
    const { status, body } = await get(`/api/v1/accounts/${id}/status`, initech);
    expect(status).toBe(200);
    const doc = accountStatusSchema.parse(body);
    expect(doc.billing.meta).toMatchObject({
      unavailable: true,
      reason: 'Billing system did not answer in time',
    });
    expect(doc.profile.meta.unavailable).toBe(true);
    expect(doc.cases.meta.unavailable).toBe(false);
    expect(Date.now() - started).toBeLessThan(t.env.WHMCS_TIMEOUT_MS * 2 + 2000);
  }, 30_000);
});
