import type {
  CaseComment,
  CaseListQuery,
  CreateCaseRequest,
  CrmAccount,
  CustomerProfile,
  Domain,
  Invoice,
  InvoiceDetail,
  InvoiceListQuery,
  PaymentMethod,
  Subscription,
  SupportCase,
} from '@portico/domain';
import { accountStatusSchema } from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { loadEnv, type Env } from '../../core/config/env';
import { UpstreamRegistry } from '../../integrations/upstream/upstream.registry';
import { MemoryCacheAdapter } from '../../core/cache/memory-cache.adapter';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import { BillingProvider, type CancellationOutcome, type InvoicePageData } from '../billing/billing.provider';
import { CrmProvider, type CasePageData } from '../support/crm.provider';
import { loadMetricCatalog, MetricCatalogService } from '../usage/catalog/metric-catalog';
import type { UsageRepository } from '../usage/usage.repository';
import type { UsageServicesService } from '../usage/usage-services.service';
import { UsageTilesService } from '../usage/usage-tiles.service';
import { UsageService } from '../usage/usage.service';
import { InMemoryUsageStore } from '../../../test/fakes/usage-store.fake';
import { MeStatusService } from './me-status.service';
import { StatusCacheService } from '../status-cache/status-cache.service';

const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function invoice(id: string, status: Invoice['status'], dueOn: string, balance: number): Invoice {
  return {
    id,
    number: id,
    status,
    currency: 'USD',
    issuedOn: '2026-01-01',
    dueOn,
    paidAt: null,
    subtotal: USD(balance),
    tax: USD(0),
    taxLines: [],
    credit: USD(0),
    total: USD(balance),
    balance: USD(balance),
    lastCaptureAttemptAt: null,
  };
}

function subscription(
  id: string,
  status: Subscription['status'],
  diskLimit: number | null,
  diskUsed = 0,
): Subscription {
  return {
    id,
    productName: `Plan ${id}`,
    groupName: null,
    domain: null,
    status,
    billingCycle: 'monthly',
    recurringAmount: USD(1000),
    registeredOn: null,
    nextDueOn: null,
    disk: {
      unit: 'bytes',
      used: diskUsed,
      limit: diskLimit,
      measuredAt: diskUsed > 0 ? '2026-01-01T06:00:00.000Z' : null,
    },
    bandwidth: null,
  };
}

const supportCase: SupportCase = {
  id: '500A0000001AAAAAAA',
  number: '00001001',
  subject: 'Mail down',
  description: null,
  status: 'new',
  priority: 'high',
  isClosed: false,
  origin: 'Web',
  contactName: null,
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: null,
  closedAt: null,
};

class FakeBilling extends BillingProvider {
  calls = 0;
  failWith: Error | null = null;
  invoices: Invoice[] = [
    invoice('10', 'unpaid', '2026-12-01', 5000),
    invoice('11', 'overdue', '2026-01-10', 2500),
    invoice('12', 'paid', '2025-12-01', 0),
  ];
  subscriptions: Subscription[] = [
    subscription('1', 'active', 1000, 700),
    subscription('2', 'active', 500, 500),
    subscription('3', 'suspended', 9999, 300),
  ];

  private guard(): void {
    this.calls += 1;
    if (this.failWith) throw this.failWith;
  }
  async getCustomerProfile(): Promise<CustomerProfile> {
    this.guard();
    return {
      companyName: 'Acme',
      contactName: 'Ada',
      email: 'ada@acme.example',
      phone: null,
      address: { line1: null, line2: null, city: null, region: null, postalCode: null, country: 'US' },
      currency: 'USD',
      status: 'active',
      customerSince: null,
    };
  }
  async listSubscriptions(): Promise<Subscription[]> {
    this.guard();
    return this.subscriptions;
  }
  async listInvoices(_clientId: number, query: InvoiceListQuery): Promise<InvoicePageData> {
    this.guard();
    const items = this.invoices.filter(
      (i) =>
        query.status === 'all' ||
        (query.status === 'open' && (i.status === 'unpaid' || i.status === 'overdue')),
    );
    const start = (query.page - 1) * query.pageSize;
    return {
      items: items.slice(start, start + query.pageSize),
      page: { page: query.page, pageSize: query.pageSize, total: items.length },
    };
  }
  async getInvoice(): Promise<InvoiceDetail | null> {
    return null;
  }
  async getInvoiceClientId(): Promise<number | null> {
    return null;
  }
  async listDomains(): Promise<Domain[]> {
    throw new Error('not used by the dashboard');
  }
  async listPaymentMethods(): Promise<PaymentMethod[]> {
    throw new Error('not used by the dashboard');
  }
  async createHandoff(): Promise<{ redirectUrl: string }> {
    throw new Error('not used by the dashboard');
  }
  async requestCancellation(): Promise<CancellationOutcome> {
    throw new Error('not used by the dashboard');
  }
  async ping(): Promise<void> {}
}

class FakeCrm extends CrmProvider {
  failWith: Error | null = null;
  async getAccount(): Promise<CrmAccount> {
    if (this.failWith) throw this.failWith;
    return { name: 'Acme', type: null, industry: null, website: null, phone: null, accountManager: null };
  }
  async listCases(_id: string, query: CaseListQuery): Promise<CasePageData> {
    if (this.failWith) throw this.failWith;
    return { items: [supportCase], page: { page: query.page, pageSize: query.pageSize, total: 3 } };
  }
  async getCase(): Promise<SupportCase | null> {
    return null;
  }
  async createCase(_id: string, _req: CreateCaseRequest): Promise<SupportCase> {
    return supportCase;
  }
  async listCaseComments(): Promise<CaseComment[] | null> {
    throw new Error('not used by the dashboard');
  }
  async addCaseComment(): Promise<string> {
    throw new Error('not used by the dashboard');
  }
  async setCaseStatus(): Promise<void> {
    throw new Error('not used by the dashboard');
  }
  async getCommentCaseId(): Promise<string | null> {
    throw new Error('not used by the dashboard');
  }
  async commentStamps(): Promise<Record<string, string>> {
    throw new Error('not used by the dashboard');
  }
  async ping(): Promise<void> {}
}

/** The real tiles over the default catalog, an empty in-memory store and no stored services. */
function usageTiles(): UsageTilesService {
  const catalog = new MetricCatalogService(loadMetricCatalog(loadEnv({}).USAGE_METRICS_FILE));
  const store = new InMemoryUsageStore();
  const repository = { services: async () => [], readings: async () => [] } as unknown as UsageRepository;
  const services = { list: async () => [] } as unknown as UsageServicesService;
  return new UsageTilesService(catalog, new UsageService(catalog, store, services), store, repository);
}

const account: AccountContext = {
  accountId: '00000000-0000-4000-8000-000000000001',
  accountName: 'Acme Hosting Ltd',
  role: 'owner',
  whmcsClientId: 1,
  salesforceAccountId: '001A0000001AcmeAAA',
};

function envWith(overrides: Partial<Env> = {}): Env {
  return { ...loadEnv({}), ...overrides };
}

function build(overrides: Partial<Env> = {}) {
  const billing = new FakeBilling();
  const crm = new FakeCrm();
  const env = envWith(overrides);
  const cache = new StatusCacheService(new MemoryCacheAdapter(), env);
  const service = new MeStatusService(billing, crm, usageTiles(), cache, new UpstreamRegistry(env));
  return { billing, crm, cache, service };
}

/** Lets `ms` of fake time pass (the cache's fresh windows are read from the faked `Date.now()`). */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('MeStatusService', () => {
  it('assembles every block from the providers', async () => {
    const { service } = build();
    const status = accountStatusSchema.parse(await service.getStatus(account));

    expect(status.account).toEqual({ id: account.accountId, name: 'Acme Hosting Ltd' });
    for (const block of [
      status.profile,
      status.crm,
      status.subscriptions,
      status.billing,
      status.cases,
      status.usage,
    ]) {
      expect(block.meta.unavailable).toBe(false);
      expect(block.meta.fetchedAt).not.toBeNull();
    }
    expect(status.billing.data).toMatchObject({ unpaidCount: 1, overdueCount: 1, balanceDue: [USD(7500)] });
    expect(status.billing.data?.nextInvoice?.id).toBe('11');
    expect(status.cases.data).toEqual({ openCount: 3, open: [supportCase] });
    // WHMCS's own figures of the active plans (700 + 500 used; the suspended plan's 300 does not count) against the
    // active plans' limits (1000 + 500; not the suspended plan's 9999), with lastupdate as freshness.
    const disk = status.usage.data?.find((t) => t.metric === 'disk');
    expect(disk).toMatchObject({
      used: 1200,
      limit: 1500,
      ratio: 0.8,
      level: 'warning',
      source: 'whmcs',
      measuredAt: '2026-01-01T06:00:00.000Z',
    });
    expect(disk?.services.map((s) => [s.service, s.used, s.limit])).toEqual([
      ['1', 700, 1000],
      ['2', 500, 500],
    ]);
    expect(status.usage.data?.find((t) => t.metric === 'bandwidth')).toMatchObject({
      limit: null,
      limitKnown: true,
      level: 'unknown',
    });
    // Every catalog metric has a tile, in the catalog's order.
    expect(status.usage.data?.map((t) => t.metric)).toEqual(['disk', 'bandwidth', 'api_requests']);
  });

  it('marks only the failing upstream blocks unavailable, with a safe reason', async () => {
    const { service, billing } = build();
    billing.failWith = new UpstreamException('whmcs', 'timeout', 'WHMCS GetInvoices: secret-ish detail');
    const status = accountStatusSchema.parse(await service.getStatus(account));

    for (const block of [status.profile, status.subscriptions, status.billing]) {
      expect(block.meta).toMatchObject({
        source: 'whmcs',
        unavailable: true,
        reason: 'Billing system did not answer in time',
        fetchedAt: null,
      });
      expect(block.data).toBeNull();
    }
    expect(JSON.stringify(status)).not.toContain('secret-ish');
    expect(status.crm.meta.unavailable).toBe(false);
    expect(status.cases.meta.unavailable).toBe(false);
    // Usage still answers; limits are unknown without the subscriptions.
    expect(status.usage.meta.unavailable).toBe(false);
    expect(status.usage.data?.every((t) => t.limit === null && !t.limitKnown)).toBe(true);
  });

  it('never fails the document on an unexpected error', async () => {
    const { service, crm } = build();
    crm.failWith = new TypeError('boom');
    const status = await service.getStatus(account);
    expect(status.crm.meta).toMatchObject({ unavailable: true, reason: 'Temporarily unavailable' });
    expect(status.cases.meta.unavailable).toBe(true);
    expect(status.profile.meta.unavailable).toBe(false);
  });

  it('marks blocks of unlinked upstreams "not linked" without calling them', async () => {
    const { service, billing } = build();
    const status = await service.getStatus({ ...account, whmcsClientId: null, salesforceAccountId: null });
    for (const block of [status.profile, status.crm, status.subscriptions, status.billing, status.cases]) {
      expect(block.meta).toMatchObject({ unavailable: true, reason: 'not linked' });
    }
    expect(billing.calls).toBe(0);
    expect(status.usage.meta.unavailable).toBe(false);
  });

  it('serves blocks from the cache, keeping fetchedAt, until invalidated', async () => {
    const { service, billing, cache } = build();
    const first = await service.getStatus(account);
    const callsAfterFirst = billing.calls;
    const second = await service.getStatus(account);
    expect(billing.calls).toBe(callsAfterFirst);
    expect(second.billing.meta.fetchedAt).toBe(first.billing.meta.fetchedAt);

    await cache.invalidate(account.accountId, ['billing']);
    await service.getStatus(account);
    expect(billing.calls).toBeGreaterThan(callsAfterFirst);
  });
});

describe('MeStatusService when an upstream fails after a good read', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-15T10:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('serves the last good blocks stale, with their age and why, instead of unavailable (stale-if-error)', async () => {
    const { service, billing } = build({
      STATUS_CACHE_TTL_MS: 1,
      STATUS_CACHE_STALE_MS: 0,
      STATUS_CACHE_STALE_IF_ERROR_MS: 60_000,
    });
    const first = await service.getStatus(account);
    await elapse(5);
    billing.failWith = new UpstreamException('whmcs', 'unreachable', 'WHMCS GetInvoices: HTTP 500');
    const status = accountStatusSchema.parse(await service.getStatus(account));
    for (const name of ['profile', 'subscriptions', 'billing'] as const) {
      expect(status[name].meta).toMatchObject({
        stale: true,
        unavailable: false,
        reason: 'Billing system is unavailable',
      });
      expect(status[name].meta.fetchedAt).toBe(first[name].meta.fetchedAt);
      expect(status[name].data).toEqual(first[name].data);
    }
    expect(status.cases.meta).toMatchObject({ stale: false, unavailable: false });
    expect(status.upstreams.whmcs.breaker).toBe('closed');
  });

  it('serves a stale block at once and refreshes it in the background (stale-while-revalidate)', async () => {
    const { service, billing } = build({ STATUS_CACHE_TTL_MS: 1, STATUS_CACHE_STALE_MS: 60_000 });
    const first = await service.getStatus(account);
    await elapse(5);
    const calls = billing.calls;
    const second = await service.getStatus(account);
    expect(second.profile.meta).toMatchObject({
      stale: true,
      unavailable: false,
      fetchedAt: first.profile.meta.fetchedAt,
    });
    expect(second.profile.meta.reason).toBeUndefined();
    await elapse(5);
    expect(billing.calls).toBeGreaterThan(calls);
    const third = await service.getStatus(account);
    expect(third.profile.meta.fetchedAt).not.toBe(first.profile.meta.fetchedAt);
  });
});

describe('StatusCacheService', () => {
  it('loads a missing key once for concurrent readers', async () => {
    const cache = new StatusCacheService(new MemoryCacheAdapter(), envWith());
    let loads = 0;
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((r) => (finish = r));
    const load = async () => {
      loads += 1;
      await gate;
      return loads;
    };
    const reading = Promise.all([1, 2, 3].map(() => cache.getOrLoad('a', 'profile', load)));
    finish();
    const results = await reading;
    expect(loads).toBe(1);
    expect(results.map((r) => r.data)).toEqual([1, 1, 1]);
  });

  it('does not cache failures', async () => {
    const cache = new StatusCacheService(new MemoryCacheAdapter(), envWith());
    await expect(cache.getOrLoad('a', 'crm', async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    await expect(cache.getOrLoad('a', 'crm', async () => 'ok')).resolves.toMatchObject({ data: 'ok' });
  });
});
