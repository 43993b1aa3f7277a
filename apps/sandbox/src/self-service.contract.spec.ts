import { caseCommentSchema, domainSchema, paymentMethodSchema } from '@portico/domain';
import {
  parseWhmcsResponse,
  toDomains,
  toInvoiceDetail,
  toPaymentMethods,
  toSsoTokenParams,
  whmcsCancelRequestSchema,
  whmcsClientsDomainsSchema,
  whmcsInvoiceSchema,
  whmcsPayMethodsSchema,
  whmcsSsoTokenSchema,
  WhmcsApiError,
} from '@portico/domain/providers/whmcs';
import {
  SF_CASE_COMMENT_FIELDS,
  sfCaseCommentRecordSchema,
  sfQueryResultSchema,
  soqlQuote,
  toCaseComment,
} from '@portico/domain/providers/salesforce';
import { buildSandbox, type Sandbox } from './sandbox.app';
import { SANDBOX_INTEGRATION_USER } from './store/sandbox.store';

/** The self-service actions: domains, pay methods, single sign-on to the pay page, cancellations, case comments. */
const NOW = new Date('2026-03-15T12:00:00Z');
let sb: Sandbox;
let sent: Array<{ event: string; body: unknown }>;
beforeEach(() => {
  sb = buildSandbox({
    now: () => NOW,
    env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' },
    webhookRetryDelaysMs: [],
  });
  sent = [];
  const dispatch = sb.webhooks.dispatch.bind(sb.webhooks);
  sb.webhooks.dispatch = (provider: 'whmcs' | 'salesforce', event: string, body: object) => {
    sent.push({ event, body });
    return dispatch(provider, event, body);
  };
});
afterEach(async () => {
  await sb.app.close();
});

async function whmcs(params: Record<string, string>): Promise<unknown> {
  const payload = new URLSearchParams({
    identifier: 'portico-sandbox-identifier',
    secret: 'portico-sandbox-secret',
    responsetype: 'json',
    ...params,
  }).toString();
  const res = await sb.app.inject({
    method: 'POST',
    url: '/includes/api.php',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'billing.sandbox.test' },
    payload,
  });
  return res.json();
}

async function sfToken(): Promise<string> {
  const res = await sb.app.inject({
    method: 'POST',
    url: '/services/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload:
      'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
  });
  return res.json<{ access_token: string }>().access_token;
}

describe('GetClientsDomains and GetPayMethods', () => {
  it('serves Acme domains (one expiring soon, one expired) and none for Initech as an empty string', async () => {
    const domains = toDomains(
      parseWhmcsResponse(
        whmcsClientsDomainsSchema,
        await whmcs({ action: 'GetClientsDomains', clientid: '1' }),
      ),
      'USD',
    );
    domains.forEach((d) => expect(domainSchema.parse(d)).toEqual(d));
    expect(domains.map((d) => d.status)).toEqual(
      expect.arrayContaining(['active', 'expired', 'pending_transfer']),
    );
    expect(domains.find((d) => d.name === 'acme-shop.example')).toMatchObject({
      expiresOn: '2026-03-27',
      autoRenew: false,
    });
    expect(await whmcs({ action: 'GetClientsDomains', clientid: '3' })).toMatchObject({
      totalresults: '0',
      domains: '',
    });
  });

  it('serves pay methods with a remote token the mapper drops; the default card expired last month', async () => {
    const raw = await whmcs({ action: 'GetPayMethods', clientid: '1' });
    expect(JSON.stringify(raw)).toContain('remote_token');
    const methods = toPaymentMethods(parseWhmcsResponse(whmcsPayMethodsSchema, raw), NOW);
    methods.forEach((m) => expect(paymentMethodSchema.parse(m)).toEqual(m));
    expect(methods[0]).toMatchObject({
      isDefault: true,
      cardBrand: 'Visa',
      lastFour: '4242',
      expiryMonth: '2026-02',
      expired: true,
    });
    expect(JSON.stringify(methods)).not.toContain('pm_sbx');
    await expect(
      whmcs({ action: 'GetPayMethods', clientid: '99' }).then((j) =>
        parseWhmcsResponse(whmcsPayMethodsSchema, j),
      ),
    ).rejects.toThrow(WhmcsApiError);
  });
});

describe('CreateSsoToken and the pay page', () => {
  it('hands a client to its invoice, once, and paying there marks it paid and sends InvoicePaid', async () => {
    const invoice = sb.store.data.invoices.find((i) => i.userid === 1 && i.status === 'Unpaid');
    if (!invoice) throw new Error('no unpaid invoice');
    const token = parseWhmcsResponse(
      whmcsSsoTokenSchema,
      await whmcs({
        action: 'CreateSsoToken',
        client_id: '1',
        ...toSsoTokenParams({ kind: 'invoice', invoiceId: String(invoice.id) }),
      }),
    );
    const url = new URL(token.redirect_url);
    expect(url.origin).toBe('http://billing.sandbox.test');
    const landing = await sb.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(landing.statusCode).toBe(302);
    expect(landing.headers.location).toBe(`/viewinvoice.php?id=${invoice.id}`);
    const cookie = String(landing.headers['set-cookie']).split(';')[0]!;
    expect((await sb.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` })).statusCode).toBe(
      400,
    );
    const view = await sb.app.inject({
      method: 'GET',
      url: `/viewinvoice.php?id=${invoice.id}`,
      headers: { cookie },
    });
    expect(view.body).toContain('Pay now');
    const other = sb.store.data.invoices.find((i) => i.userid === 2)!;
    expect(
      (await sb.app.inject({ method: 'GET', url: `/viewinvoice.php?id=${other.id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(403);
    const paid = await sb.app.inject({
      method: 'POST',
      url: `/viewinvoice.php?id=${invoice.id}`,
      headers: { cookie },
    });
    expect(paid.statusCode).toBe(303);
    expect(invoice.status).toBe('Paid');
    expect(sent.map((s) => s.event)).toContain('InvoicePaid');
  });

  it('refuses unknown destinations, unknown clients and clients without single sign-on', async () => {
    await expect(
      whmcs({ action: 'CreateSsoToken', client_id: '1', destination: 'clientarea:nowhere' }).then((j) =>
        parseWhmcsResponse(whmcsSsoTokenSchema, j),
      ),
    ).rejects.toThrow('Invalid destination');
    await expect(
      whmcs({ action: 'CreateSsoToken', client_id: '77' }).then((j) =>
        parseWhmcsResponse(whmcsSsoTokenSchema, j),
      ),
    ).rejects.toThrow(WhmcsApiError);
    sb.store.client(2)!.allowSso = false;
    await expect(
      whmcs({ action: 'CreateSsoToken', client_id: '2' }).then((j) =>
        parseWhmcsResponse(whmcsSsoTokenSchema, j),
      ),
    ).rejects.toThrow(/disabled/);
  });

  it('lets a token expire after 60 seconds', async () => {
    let now = NOW.getTime();
    const clocked = buildSandbox({
      now: () => new Date(now),
      env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' },
      webhookRetryDelaysMs: [],
    });
    try {
      const res = clocked.whmcsApiForTests.run('CreateSsoToken', {
        client_id: '1',
        destination: 'clientarea:billing_info',
      });
      const url = new URL(String(res.body.redirect_url));
      now += 61_000;
      expect(
        (await clocked.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` })).statusCode,
      ).toBe(400);
    } finally {
      await clocked.app.close();
    }
  });
});

describe('AddCancelRequest', () => {
  it('cancels immediately or at the end of the period, once, and sends CancellationRequest', async () => {
    const [first, second] = sb.store.data.services.filter((s) => s.clientid === 1 && s.status === 'Active');
    const ok = parseWhmcsResponse(
      whmcsCancelRequestSchema,
      await whmcs({
        action: 'AddCancelRequest',
        serviceid: String(first!.id),
        type: 'Immediate',
        reason: 'Moving on',
      }),
    );
    expect(ok).toMatchObject({ serviceid: String(first!.id), userid: '1' });
    expect(first!.status).toBe('Cancelled');
    await expect(
      whmcs({ action: 'AddCancelRequest', serviceid: String(first!.id), type: 'Immediate' }).then((j) =>
        parseWhmcsResponse(whmcsCancelRequestSchema, j),
      ),
    ).rejects.toThrow('Existing Cancellation Request Exists');
    parseWhmcsResponse(
      whmcsCancelRequestSchema,
      await whmcs({
        action: 'AddCancelRequest',
        serviceid: String(second!.id),
        type: 'End of Billing Period',
      }),
    );
    expect(second!.status).toBe('Active');
    expect(sent.filter((s) => s.event === 'CancellationRequest')).toHaveLength(2);
    await expect(
      whmcs({ action: 'AddCancelRequest', serviceid: '99999' }).then((j) =>
        parseWhmcsResponse(whmcsCancelRequestSchema, j),
      ),
    ).rejects.toThrow('Service ID Not Found');
  });

  it('answers a second tax level and the credit so that totals add up', async () => {
    const acme = sb.store.data.invoices.find((i) => i.userid === 1 && i.creditCents > 0)!;
    const detail = toInvoiceDetail(
      parseWhmcsResponse(
        whmcsInvoiceSchema,
        await whmcs({ action: 'GetInvoice', invoiceid: String(acme.id) }),
      ),
      { currency: 'USD', now: NOW },
    );
    expect(detail.taxLines.map((t) => t.ratePercent)).toEqual([6.25, 1]);
    expect(detail.subtotal.amountMinor + detail.tax.amountMinor - detail.credit.amountMinor).toBe(
      detail.total.amountMinor,
    );
  });
});

describe('CaseComment', () => {
  it('lists public comments with their authors and takes a customer reply (4,000 bytes at most)', async () => {
    const token = await sfToken();
    const acmeCase = sb.store
      .sobjects('Case')
      .find((c) => c.AccountId === '001A0000001AcmeAAA' && c.IsClosed === false)!;
    const query = async () => {
      const soql = `SELECT ${SF_CASE_COMMENT_FIELDS.join(', ')} FROM CaseComment WHERE ParentId = ${soqlQuote(String(acmeCase.Id))} AND IsPublished = true ORDER BY CreatedDate ASC`;
      const res = await sb.app.inject({
        method: 'GET',
        url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
        headers: { authorization: `Bearer ${token}` },
      });
      return sfQueryResultSchema(sfCaseCommentRecordSchema)
        .parse(res.json())
        .records.map((r) =>
          toCaseComment(r, { integrationUserId: SANDBOX_INTEGRATION_USER.id, postedByMembers: new Map() }),
        );
    };
    const before = await query();
    before.forEach((c) => expect(caseCommentSchema.parse(c)).toEqual(c));
    expect(before.map((c) => c.authorType)).toEqual(['support', 'customer']);
    const create = (body: object) =>
      sb.app.inject({
        method: 'POST',
        url: '/services/data/v62.0/sobjects/CaseComment',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: body,
      });
    expect(
      (await create({ ParentId: acmeCase.Id, CommentBody: 'ü'.repeat(2001), IsPublished: true })).json(),
    ).toEqual([expect.objectContaining({ errorCode: 'STRING_TOO_LONG' })]);
    const created = await create({
      ParentId: acmeCase.Id,
      CommentBody: 'Still broken here.',
      IsPublished: true,
    });
    expect(created.statusCode).toBe(201);
    expect((await query()).at(-1)).toMatchObject({ body: 'Still broken here.', authorType: 'customer' });
    expect(sent.at(-1)).toMatchObject({
      event: 'CaseCommentCreated',
      body: {
        sobject: 'CaseComment',
        recordId: created.json<{ id: string }>().id,
        accountId: '001A0000001AcmeAAA',
      },
    });
  });

  it('adds an agent reply from the admin control, with its webhook', async () => {
    const acmeCase = sb.store.sobjects('Case').find((c) => c.AccountId === '001A0000001AcmeAAA')!;
    const res = await sb.app.inject({
      method: 'POST',
      url: `/__admin/salesforce/cases/${String(acmeCase.Id)}/comments`,
      payload: { body: 'We fixed it.', status: 'Waiting on Customer' },
    });
    expect(res.statusCode).toBe(201);
    expect(sent.map((s) => s.event)).toEqual(['CaseCommentCreated', 'CaseChanged']);
    expect(acmeCase.Status).toBe('Waiting on Customer');
    expect(
      (
        await sb.app.inject({
          method: 'POST',
          url: '/__admin/salesforce/cases/500A0000000000000AAA/comments',
          payload: { body: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
