import {
  invoiceDetailSchema,
  invoiceSchema,
  subscriptionSchema,
  supportCaseSchema,
  customerProfileSchema,
} from '@portico/domain';
import {
  parseWhmcsResponse,
  toCustomerProfile,
  toInvoiceDetail,
  toInvoicePage,
  toSubscriptions,
  whmcsClientCurrency,
  whmcsClientsDetailsSchema,
  whmcsClientsProductsSchema,
  whmcsInvoiceSchema,
  whmcsInvoicesSchema,
  WhmcsApiError,
} from '@portico/domain/providers/whmcs';
import {
  SF_CASE_FIELDS,
  sfCaseRecordSchema,
  sfQueryResultSchema,
  soqlQuote,
  toSupportCase,
} from '@portico/domain/providers/salesforce';
import { buildSandbox, type Sandbox } from './sandbox.app';

/** The domain mappers read what the simulators write (the mappers are also tested against documented payloads). */
const NOW = new Date('2026-03-15T12:00:00Z');
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
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload,
  });
  return res.json();
}

describe('domain mappers over sandbox payloads', () => {
  it('maps every demo client, its services and invoices', async () => {
    for (const clientid of ['1', '2', '3']) {
      const details = parseWhmcsResponse(
        whmcsClientsDetailsSchema,
        await whmcs({ action: 'GetClientsDetails', clientid, stats: 'true' }),
      );
      const currency = whmcsClientCurrency(details);
      expect(customerProfileSchema.safeParse(toCustomerProfile(details)).success).toBe(true);
      const subs = toSubscriptions(
        parseWhmcsResponse(
          whmcsClientsProductsSchema,
          await whmcs({ action: 'GetClientsProducts', clientid }),
        ),
        currency,
      );
      expect(subs.length).toBeGreaterThan(0);
      subs.forEach((s) => expect(subscriptionSchema.parse(s)).toEqual(s));
      const page = toInvoicePage(
        parseWhmcsResponse(whmcsInvoicesSchema, await whmcs({ action: 'GetInvoices', userid: clientid })),
        { currency, now: NOW },
      );
      expect(page.items.length).toBe(page.total);
      page.items.forEach((i) => expect(invoiceSchema.parse(i).currency).toBe(currency));
      for (const inv of page.items) {
        const detail = toInvoiceDetail(
          parseWhmcsResponse(whmcsInvoiceSchema, await whmcs({ action: 'GetInvoice', invoiceid: inv.id })),
          { currency, now: NOW },
        );
        expect(invoiceDetailSchema.parse(detail).total).toEqual(inv.total);
        expect(detail.lineItems.reduce((s, l) => s + l.amount.amountMinor, 0)).toBe(
          detail.subtotal.amountMinor,
        );
      }
    }
  });

  it('sees Acme as the contract describes it', async () => {
    const page = toInvoicePage(
      parseWhmcsResponse(whmcsInvoicesSchema, await whmcs({ action: 'GetInvoices', userid: '1' })),
      { currency: 'USD', now: NOW },
    );
    const count = (s: string) => page.items.filter((i) => i.status === s).length;
    expect(count('overdue')).toBe(1);
    expect(count('unpaid')).toBe(1);
    expect(count('cancelled')).toBe(1);
    expect(count('paid')).toBeGreaterThanOrEqual(2);
    const subs = toSubscriptions(
      parseWhmcsResponse(
        whmcsClientsProductsSchema,
        await whmcs({ action: 'GetClientsProducts', clientid: '1' }),
      ),
      'USD',
    );
    expect(subs.filter((s) => s.status === 'active')).toHaveLength(2);
    expect(subs.filter((s) => s.status === 'suspended')).toHaveLength(1);
    expect(subs.find((s) => s.productName === 'Business Hosting')?.disk?.limit).toBe(51200 * 1024 * 1024);
    await expect(
      whmcs({ action: 'GetClientsDetails', clientid: '9' }).then((j) =>
        parseWhmcsResponse(whmcsClientsDetailsSchema, j),
      ),
    ).rejects.toThrow(WhmcsApiError);
  });

  it('maps Acme cases queried with the domain field list', async () => {
    const token = (
      await sb.app.inject({
        method: 'POST',
        url: '/services/oauth2/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload:
          'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
      })
    ).json<{ access_token: string }>().access_token;
    const soql = `SELECT ${SF_CASE_FIELDS.join(', ')} FROM Case WHERE AccountId = ${soqlQuote('001A0000001AcmeAAA')} ORDER BY CreatedDate DESC`;
    const res = await sb.app.inject({
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const cases = sfQueryResultSchema(sfCaseRecordSchema).parse(res.json()).records.map(toSupportCase);
    cases.forEach((c) => expect(supportCaseSchema.parse(c)).toEqual(c));
    expect(cases.filter((c) => !c.isClosed)).toHaveLength(3);
    expect(cases.filter((c) => c.isClosed)).toHaveLength(2);
    expect(cases.map((c) => c.status)).toEqual(
      expect.arrayContaining(['new', 'working', 'waiting_on_customer', 'closed']),
    );
  });
});
