import { createHash } from 'node:crypto';
import { buildSandbox, type Sandbox } from '../sandbox.app';

const NOW = new Date('2026-03-15T12:00:00Z');
const AUTH = {
  identifier: 'portico-sandbox-identifier',
  secret: 'portico-sandbox-secret',
  responsetype: 'json',
};

let sb: Sandbox;
beforeEach(() => {
  sb = buildSandbox({
    now: () => NOW,
    env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' },
    webhookRetryDelaysMs: [],
  });
});
afterEach(async () => {
  await sb.app.close();
});

async function call(params: Record<string, string>) {
  const res = await sb.app.inject({
    method: 'POST',
    url: '/includes/api.php',
    payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return {
    status: res.statusCode,
    body: res.json<Record<string, unknown>>(),
    raw: res.body,
    headers: res.headers,
  };
}

describe('WHMCS authentication', () => {
  it('answers 403 Authentication Failed for bad or missing credentials', async () => {
    expect(
      await call({
        action: 'GetClientsDetails',
        clientid: '1',
        identifier: 'nope',
        secret: 'x',
        responsetype: 'json',
      }),
    ).toMatchObject({ status: 403, body: { result: 'error', message: 'Authentication Failed' } });
    expect((await call({ action: 'GetClientsDetails', responsetype: 'json' })).status).toBe(403);
  });

  it('accepts username/password, the password being the secret or its MD5', async () => {
    const md5 = createHash('md5').update('portico-sandbox-secret').digest('hex');
    const res = await call({
      action: 'GetClientsDetails',
      clientid: '1',
      username: 'portico-sandbox-identifier',
      password: md5,
      responsetype: 'json',
    });
    expect(res).toMatchObject({ status: 200, body: { result: 'success' } });
  });

  it('answers XML unless responsetype=json', async () => {
    const res = await sb.app.inject({
      method: 'POST',
      url: '/includes/api.php',
      payload:
        'action=GetInvoice&invoiceid=999999&identifier=portico-sandbox-identifier&secret=portico-sandbox-secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.body).toContain('<result>error</result>');
    expect(res.body).toContain('<message>Invoice ID Not Found</message>');
  });

  it('rejects an unknown action and unparseable numbers with 400', async () => {
    expect(await call({ ...AUTH, action: 'FlyToTheMoon' })).toMatchObject({
      status: 400,
      body: { result: 'error', message: 'Command Not Found' },
    });
    const bad = await call({ ...AUTH, action: 'GetInvoices', limitnum: 'ten' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/limitnum/);
  });
});

describe('GetClientsDetails', () => {
  it('returns the client object, flat copies, currency and stats', async () => {
    const { status, body } = await call({
      ...AUTH,
      action: 'GetClientsDetails',
      clientid: '2',
      stats: 'true',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      result: 'success',
      userid: 2,
      companyname: 'Globex Corporation',
      currency_code: 'EUR',
    });
    expect(body.client).toMatchObject({
      id: 2,
      email: 'owner@globex.example',
      currency: 2,
      currency_code: 'EUR',
      status: 'Active',
    });
    expect((body.stats as Record<string, string>).numunpaidinvoices).toBe('2');
  });

  it('finds by email and reports unknown clients as a business error (HTTP 200)', async () => {
    expect(
      (await call({ ...AUTH, action: 'GetClientsDetails', email: 'OWNER@initech.example' })).body,
    ).toMatchObject({ userid: 3, currency_code: 'GBP' });
    expect(await call({ ...AUTH, action: 'GetClientsDetails', clientid: '99' })).toMatchObject({
      status: 200,
      body: { result: 'error', message: 'Client Not Found' },
    });
    expect((await call({ ...AUTH, action: 'GetClientsDetails' })).body.message).toBe(
      'Either clientid Or email Is Required',
    );
  });
});

describe('GetClientsProducts', () => {
  it('wraps products under products.product[] with string ids, MB usage and mixed counters', async () => {
    const { body } = await call({ ...AUTH, action: 'GetClientsProducts', clientid: '1' });
    expect(body).toMatchObject({ totalresults: '3', startnumber: 0, numreturned: 3, clientid: '1' });
    const products = (body.products as { product: Array<Record<string, string>> }).product;
    expect(products.map((p) => p.status).sort()).toEqual(['Active', 'Active', 'Suspended']);
    const hosting = products.find((p) => p.name === 'Business Hosting');
    expect(hosting).toMatchObject({
      disklimit: '51200',
      bwlimit: '1048576',
      billingcycle: 'Monthly',
      recurringamount: '29.99',
    });
    expect(typeof hosting?.id).toBe('string');
    expect(Number(hosting?.diskusage)).toBeGreaterThan(0);
  });

  it('pages with limitstart/limitnum and answers products: "" when nothing matches', async () => {
    const page = await call({
      ...AUTH,
      action: 'GetClientsProducts',
      clientid: '1',
      limitstart: '2',
      limitnum: '5',
    });
    expect(page.body).toMatchObject({ totalresults: '3', startnumber: 2, numreturned: 1 });
    const none = await call({ ...AUTH, action: 'GetClientsProducts', clientid: '42' });
    expect(none.body).toMatchObject({ totalresults: '0', numreturned: 0, products: '' });
  });

  it('filters by serviceid', async () => {
    const all = (await call({ ...AUTH, action: 'GetClientsProducts', clientid: '2' })).body.products as {
      product: Array<{ id: string }>;
    };
    const id = all.product[0]?.id ?? '';
    const one = await call({ ...AUTH, action: 'GetClientsProducts', serviceid: id });
    expect((one.body.products as { product: Array<{ id: string }> }).product.map((p) => p.id)).toEqual([id]);
  });
});

describe('GetInvoices', () => {
  type Row = { id: number; status: string; duedate: string; currencycode: string; total: string };
  const rows = (body: Record<string, unknown>) => (body.invoices as { invoice: Row[] }).invoice;

  it("lists a client's invoices with int ids, decimal strings and currencycode", async () => {
    const { body } = await call({ ...AUTH, action: 'GetInvoices', userid: '3' });
    expect(body).toMatchObject({ totalresults: 5, startnumber: 0, numreturned: 5 });
    for (const r of rows(body)) {
      expect(typeof r.id).toBe('number');
      expect(r.id).toBeGreaterThanOrEqual(1001);
      expect(r.currencycode).toBe('GBP');
      expect(r.total).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it('supports the Overdue pseudo-status (Unpaid and due before today)', async () => {
    const { body } = await call({ ...AUTH, action: 'GetInvoices', userid: '1', status: 'Overdue' });
    const list = rows(body);
    expect(list.length).toBe(1);
    expect(list[0]?.status).toBe('Unpaid');
    expect(list[0]!.duedate < '2026-03-15').toBe(true);
    const unpaid = rows((await call({ ...AUTH, action: 'GetInvoices', userid: '1', status: 'Unpaid' })).body);
    expect(unpaid.length).toBe(2);
  });

  it('pages and orders', async () => {
    const { body } = await call({
      ...AUTH,
      action: 'GetInvoices',
      userid: '1',
      orderby: 'id',
      order: 'desc',
      limitstart: '2',
      limitnum: '3',
    });
    expect(body).toMatchObject({ totalresults: 8, startnumber: 2, numreturned: 3 });
    const ids = rows(body).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids[0]).toBe(1006);
  });

  it('answers an empty list when nothing matches', async () => {
    const { body } = await call({ ...AUTH, action: 'GetInvoices', userid: '77' });
    expect(body).toMatchObject({ totalresults: 0, numreturned: 0 });
    expect(body.invoices).toEqual([]);
  });
});

describe('GetInvoice / UpdateInvoice', () => {
  it('returns string fields, items.item[] and transactions "" for an unpaid invoice', async () => {
    const list = (await call({ ...AUTH, action: 'GetInvoices', userid: '1', status: 'Unpaid' })).body
      .invoices as { invoice: Array<{ id: number }> };
    const id = String(list.invoice[0]?.id);
    const { body } = await call({ ...AUTH, action: 'GetInvoice', invoiceid: id });
    expect(body).toMatchObject({
      result: 'success',
      invoiceid: id,
      userid: '1',
      datepaid: '0000-00-00 00:00:00',
      status: 'Unpaid',
      transactions: '',
    });
    const items = (body.items as { item: Array<Record<string, string>> }).item;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => typeof i.id === 'string' && /^\d+\.\d{2}$/.test(i.amount ?? ''))).toBe(true);
    expect(body.balance).toBe(body.total);
  });

  it('reports an unknown invoice', async () => {
    expect((await call({ ...AUTH, action: 'GetInvoice', invoiceid: '5' })).body).toEqual({
      result: 'error',
      message: 'Invoice ID Not Found',
    });
    expect((await call({ ...AUTH, action: 'UpdateInvoice', invoiceid: '5', status: 'Paid' })).body).toEqual({
      result: 'error',
      message: 'Invoice ID Not Found',
    });
  });

  it('marks an invoice paid: datepaid, a transaction, zero balance and an InvoicePaid webhook', async () => {
    const res = await call({ ...AUTH, action: 'UpdateInvoice', invoiceid: '1008', status: 'paid' });
    expect(res.body).toEqual({ result: 'success', invoiceid: '1008' });
    const { body } = await call({ ...AUTH, action: 'GetInvoice', invoiceid: '1008' });
    expect(body).toMatchObject({ status: 'Paid', datepaid: '2026-03-15 12:00:00', balance: '0.00' });
    const tx = (body.transactions as { transaction: Array<Record<string, string>> }).transaction;
    expect(tx).toHaveLength(1);
    expect(tx[0]?.amountin).toBe(body.total);
    const delivery = sb.webhooks.deliveries()[0];
    expect(delivery).toMatchObject({
      provider: 'whmcs',
      event: 'InvoicePaid',
      payload: { event: 'InvoicePaid', userid: 1, params: { invoiceid: 1008 } },
    });
    await sb.webhooks.idle();
  });

  it('rejects an invalid status', async () => {
    expect(
      (await call({ ...AUTH, action: 'UpdateInvoice', invoiceid: '1001', status: 'Lost' })).body,
    ).toEqual({ result: 'error', message: 'Invalid status Lost' });
  });
});
