import { invoiceDetailSchema, invoicePageSchema, subscriptionListSchema } from '@portico/domain';
import { forgetCachedReads } from '../support/caches';
import { createTestApp, type TestApp } from '../support/test-app';
import { signInDemoOwners } from '../support/login';

describe('billing routes (integration)', () => {
  let t: TestApp;
  let sandbox: string;
  let acmeCookie: string;
  let acme: string;
  let globexCookie: string;
  let globex: string;

  async function get(path: string, cookie: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: await res.json() };
  }

  beforeAll(async () => {
    t = await createTestApp();
    sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    // The sandbox is shared by every suite: start from its seeded state.
    expect((await fetch(`${sandbox}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    ({ acmeCookie, acme, globexCookie, globex } = await signInDemoOwners(t.url));
    await forgetCachedReads(t, [acme, globex]);
  });
  afterEach(async () => {
    await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists invoices, newest first, in the client currency', async () => {
    const { status, body } = await get(`/api/v1/accounts/${acme}/invoices`, acmeCookie);
    expect(status).toBe(200);
    const page = invoicePageSchema.parse(body);
    expect(page.page).toMatchObject({ page: 1, pageSize: 20 });
    expect(page.items.length).toBeGreaterThanOrEqual(5);
    expect(page.page.total).toBe(page.items.length);
    expect(page.items.every((i) => i.currency === 'USD')).toBe(true);
    const issued = page.items.map((i) => i.issuedOn ?? '');
    expect([...issued].sort().reverse()).toEqual(issued);
  });

  it('filters by status', async () => {
    const paid = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?status=paid`, acmeCookie)).body,
    );
    expect(paid.items.length).toBeGreaterThanOrEqual(2);
    expect(paid.items.every((i) => i.status === 'paid')).toBe(true);

    const overdue = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?status=overdue`, acmeCookie)).body,
    );
    expect(overdue.items.length).toBeGreaterThanOrEqual(1);
    expect(overdue.items.every((i) => i.status === 'overdue')).toBe(true);

    const unpaid = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?status=unpaid`, acmeCookie)).body,
    );
    expect(unpaid.items.length).toBeGreaterThanOrEqual(1);
    expect(unpaid.items.every((i) => i.status === 'unpaid')).toBe(true);

    const open = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?status=open`, acmeCookie)).body,
    );
    expect(open.page.total).toBe(overdue.page.total + unpaid.page.total);
  });

  it('pages with page and pageSize', async () => {
    const all = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?pageSize=100`, acmeCookie)).body,
    );
    const second = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?page=2&pageSize=2`, acmeCookie)).body,
    );
    expect(second.page).toEqual({ page: 2, pageSize: 2, total: all.page.total });
    expect(second.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
  });

  it('rejects a bad query with details', async () => {
    const { status, body } = await get(
      `/api/v1/accounts/${acme}/invoices?pageSize=1000&status=bogus`,
      acmeCookie,
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed' });
    const paths = (body as { details: { path: string }[] }).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['query.pageSize', 'query.status']));
  });

  it('returns an invoice with its line items', async () => {
    const list = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${acme}/invoices?status=paid`, acmeCookie)).body,
    );
    const id = list.items[0]?.id;
    const { status, body } = await get(`/api/v1/accounts/${acme}/invoices/${id}`, acmeCookie);
    expect(status).toBe(200);
    const detail = invoiceDetailSchema.parse(body);
    expect(detail.id).toBe(id);
    expect(detail.lineItems.length).toBeGreaterThanOrEqual(1);
    expect(detail.lineItems.reduce((sum, l) => sum + l.amount.amountMinor, 0)).toBe(
      detail.subtotal.amountMinor,
    );
  });

  it("404s for another client's invoice, an unknown id and a malformed id", async () => {
    const globexInvoices = invoicePageSchema.parse(
      (await get(`/api/v1/accounts/${globex}/invoices`, globexCookie)).body,
    );
    const foreign = globexInvoices.items[0]?.id;
    expect(foreign).toBeDefined();
    expect((await get(`/api/v1/accounts/${acme}/invoices/${foreign}`, acmeCookie)).status).toBe(404);
    expect((await get(`/api/v1/accounts/${acme}/invoices/999999`, acmeCookie)).status).toBe(404);
    expect((await get(`/api/v1/accounts/${acme}/invoices/12abc`, acmeCookie)).status).toBe(404);
  });

  it('lists subscriptions', async () => {
    const { status, body } = await get(`/api/v1/accounts/${acme}/subscriptions`, acmeCookie);
    expect(status).toBe(200);
    const list = subscriptionListSchema.parse(body);
    expect(list.items.filter((s) => s.status === 'active')).toHaveLength(2);
    expect(list.items.filter((s) => s.status === 'suspended')).toHaveLength(1);
  });

  it('answers 503 upstream_unavailable when WHMCS fails', async () => {
    await fetch(`${sandbox}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upstream: 'whmcs', mode: 'error', status: 500 }),
    });
    const { status, body } = await get(`/api/v1/accounts/${acme}/invoices?status=cancelled`, acmeCookie);
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'upstream_unavailable', message: 'Billing system is unavailable' });
  });
});
