import type {
  CancelSubscriptionRequest,
  CaseComment,
  CaseListQuery,
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
import {
  BillingProvider,
  type CancellationOutcome,
  type InvoicePageData,
} from '../../src/modules/billing/billing.provider';
import { CrmProvider, type CasePageData } from '../../src/modules/support/crm.provider';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/** An invoice with plausible defaults (EUR, unpaid, 100.00 due). */
export function invoice(overrides: Partial<InvoiceDetail> = {}): InvoiceDetail {
  return {
    id: '1001',
    number: 'INV-1001',
    status: 'unpaid',
    currency: 'EUR',
    issuedOn: '2026-01-01',
    dueOn: '2026-01-31',
    paidAt: null,
    subtotal: eur(10_000),
    tax: eur(0),
    taxLines: [],
    credit: eur(0),
    total: eur(10_000),
    balance: eur(10_000),
    lastCaptureAttemptAt: null,
    lineItems: [],
    payments: [],
    notes: null,
    ...overrides,
  };
}

/** A domain with plausible defaults (active, renews automatically). */
export function domain(overrides: Partial<Domain> = {}): Domain {
  return {
    id: '1',
    name: 'acme.example',
    status: 'active',
    registeredOn: '2020-01-01',
    expiresOn: '2027-01-01',
    nextDueOn: '2026-12-01',
    autoRenew: true,
    registrar: 'enom',
    periodYears: 1,
    recurringAmount: eur(1_500),
    ...overrides,
  };
}

/** A support case with plausible defaults (open, normal priority). */
export function supportCase(overrides: Partial<SupportCase> = {}): SupportCase {
  return {
    id: '500000000000001AAA',
    number: '00001001',
    subject: 'Mail bounces',
    description: null,
    status: 'new',
    priority: 'medium',
    isClosed: false,
    origin: 'Web',
    contactName: null,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: null,
    closedAt: null,
    ...overrides,
  };
}

/** Thrown by a fake provider told to fail (stands in for an upstream outage). */
export class FakeUpstreamDown extends Error {
  constructor(what: string) {
    super(`${what}: upstream unavailable`);
    this.name = 'FakeUpstreamDown';
  }
}

/**
 * {@link BillingProvider} over in-memory records per WHMCS client id. `failing` names methods that throw
 * {@link FakeUpstreamDown}; `calls` counts reads per method.
 */
export class FakeBillingProvider extends BillingProvider {
  readonly invoices = new Map<number, InvoiceDetail[]>();
  readonly subscriptions = new Map<number, Subscription[]>();
  readonly domains = new Map<number, Domain[]>();
  readonly paymentMethods = new Map<number, PaymentMethod[]>();
  readonly failing = new Set<keyof BillingProvider>();
  readonly calls: string[] = [];

  private check(method: keyof BillingProvider): void {
    this.calls.push(method);
    if (this.failing.has(method)) throw new FakeUpstreamDown(method);
  }

  getCustomerProfile(): Promise<CustomerProfile> {
    this.check('getCustomerProfile');
    return Promise.reject(new Error('not used by these tests'));
  }

  async listSubscriptions(clientId: number): Promise<Subscription[]> {
    this.check('listSubscriptions');
    return this.subscriptions.get(clientId) ?? [];
  }

  async listInvoices(clientId: number, query: InvoiceListQuery): Promise<InvoicePageData> {
    this.check('listInvoices');
    const all = (this.invoices.get(clientId) ?? []).filter((i) =>
      query.status === 'all'
        ? true
        : query.status === 'open'
          ? i.status === 'unpaid' || i.status === 'overdue'
          : i.status === query.status,
    );
    const start = (query.page - 1) * query.pageSize;
    const items: Invoice[] = all
      .slice(start, start + query.pageSize)
      .map(({ lineItems: _l, payments: _p, notes: _n, ...i }) => i);
    return { items, page: { page: query.page, pageSize: query.pageSize, total: all.length } };
  }

  async getInvoice(clientId: number, invoiceId: string): Promise<InvoiceDetail | null> {
    this.check('getInvoice');
    return (this.invoices.get(clientId) ?? []).find((i) => i.id === invoiceId) ?? null;
  }

  async getInvoiceClientId(invoiceId: string): Promise<number | null> {
    this.check('getInvoiceClientId');
    for (const [clientId, list] of this.invoices) if (list.some((i) => i.id === invoiceId)) return clientId;
    return null;
  }

  async listDomains(clientId: number): Promise<Domain[]> {
    this.check('listDomains');
    return this.domains.get(clientId) ?? [];
  }

  async listPaymentMethods(clientId: number): Promise<PaymentMethod[]> {
    this.check('listPaymentMethods');
    return this.paymentMethods.get(clientId) ?? [];
  }

  async createHandoff(clientId: number): Promise<{ redirectUrl: string }> {
    this.check('createHandoff');
    return { redirectUrl: `https://billing.example/sso/${clientId}` };
  }

  requestCancellation(
    _clientId: number,
    _subscriptionId: string,
    _request: CancelSubscriptionRequest,
  ): Promise<CancellationOutcome> {
    this.check('requestCancellation');
    return Promise.reject(new Error('not used by these tests'));
  }

  async ping(): Promise<void> {
    this.check('ping');
  }
}

/** {@link CrmProvider} over in-memory cases and comment stamps per Salesforce account id. */
export class FakeCrmProvider extends CrmProvider {
  readonly cases = new Map<string, SupportCase[]>();
  readonly commentStampsByAccount = new Map<string, Record<string, string>>();
  readonly commentCase = new Map<string, string>();
  readonly failing = new Set<keyof CrmProvider>();

  private check(method: keyof CrmProvider): void {
    if (this.failing.has(method)) throw new FakeUpstreamDown(method);
  }

  getAccount(): Promise<CrmAccount> {
    return Promise.reject(new Error('not used by these tests'));
  }

  async listCases(crmAccountId: string, query: CaseListQuery): Promise<CasePageData> {
    this.check('listCases');
    const all = this.cases.get(crmAccountId) ?? [];
    const start = (query.page - 1) * query.pageSize;
    return {
      items: all.slice(start, start + query.pageSize),
      page: { page: query.page, pageSize: query.pageSize, total: all.length },
    };
  }

  async getCase(crmAccountId: string, caseId: string): Promise<SupportCase | null> {
    return (this.cases.get(crmAccountId) ?? []).find((c) => c.id === caseId) ?? null;
  }

  createCase(): Promise<SupportCase> {
    return Promise.reject(new Error('not used by these tests'));
  }

  listCaseComments(): Promise<CaseComment[] | null> {
    return Promise.resolve([]);
  }

  addCaseComment(): Promise<string> {
    return Promise.reject(new Error('not used by these tests'));
  }

  setCaseStatus(): Promise<void> {
    return Promise.resolve();
  }

  async getCommentCaseId(commentId: string): Promise<string | null> {
    this.check('getCommentCaseId');
    return this.commentCase.get(commentId) ?? null;
  }

  async commentStamps(crmAccountId: string): Promise<Record<string, string>> {
    this.check('commentStamps');
    return this.commentStampsByAccount.get(crmAccountId) ?? {};
  }

  async ping(): Promise<void> {
    this.check('ping');
  }
}
