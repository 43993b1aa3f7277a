import { accountStatusSchema, type AccountStatus, type BlockMeta } from '@portico/domain';
import { serializeAccountStatus } from './account-status.serializer';

const meta = (over: Partial<BlockMeta> = {}): BlockMeta => ({
  source: 'whmcs',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  stale: false,
  unavailable: false,
  ...over,
});

describe('serializeAccountStatus', () => {
  it('writes exactly JSON.stringify of the document, also when the same data objects are reused', () => {
    const profile = {
      companyName: 'Acme "Hosting"',
      contactName: 'Ada',
      email: 'ada@acme.example',
      phone: null,
      address: { line1: null, line2: null, city: 'Zürich', region: null, postalCode: null, country: 'CH' },
      currency: 'USD',
      status: 'active' as const,
      customerSince: null,
    };
    const doc: AccountStatus = {
      account: { id: 'a', name: 'Acme' },
      generatedAt: '2026-01-01T00:00:01.000Z',
      profile: { meta: meta(), data: profile },
      crm: {
        meta: meta({
          source: 'salesforce',
          unavailable: true,
          fetchedAt: null,
          reason: 'Support system is unavailable',
        }),
        data: null,
      },
      subscriptions: {
        meta: meta({ stale: true, reason: 'Billing system did not answer in time' }),
        data: [],
      },
      billing: {
        meta: meta(),
        data: {
          balanceDue: [{ currency: 'USD', amountMinor: 100 }],
          unpaidCount: 1,
          overdueCount: 0,
          nextInvoice: null,
          recentInvoices: [],
        },
      },
      cases: { meta: meta({ source: 'salesforce' }), data: { openCount: 0, open: [] } },
      usage: { meta: meta({ source: 'portico' }), data: [] },
      upstreams: {
        whmcs: { breaker: 'open', openReason: 'rate_limited', retryAt: '2026-01-01T00:00:30.000Z' },
        salesforce: { breaker: 'closed', openReason: null, retryAt: null },
      },
    };
    expect(serializeAccountStatus(doc)).toBe(JSON.stringify(doc));
    const again = {
      ...doc,
      generatedAt: '2026-01-01T00:00:02.000Z',
      profile: { meta: meta({ stale: true }), data: profile },
    };
    expect(serializeAccountStatus(again)).toBe(JSON.stringify(again));
    expect(accountStatusSchema.parse(JSON.parse(serializeAccountStatus(again)))).toEqual(again);
  });
});
