import { Injectable, Logger } from '@nestjs/common';
import {
  type AccountStatus,
  type BillingSummary,
  type BlockMeta,
  type BlockSource,
  type CasesSummary,
  type CrmAccount,
  type CustomerProfile,
  type Invoice,
  type StatusBlockName,
  type Subscription,
  type UsageTile,
  NOT_LINKED_REASON,
} from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import { BillingProvider } from '../billing/billing.provider';
import { CrmProvider } from '../support/crm.provider';
import { UsageService } from '../usage/usage.service';
import { RECENT_INVOICES, summarizeBilling } from './billing-summary.mapper';
import { StatusCacheService } from './status-cache.service';
import { toUsageTiles } from './usage-tiles.mapper';

/** Open cases shown on the dashboard. */
const DASHBOARD_OPEN_CASES = 5;
/** Page size used to read every open invoice. */
const OPEN_INVOICES_PAGE = 100;
/** Upper bound of open-invoice pages read for the summary. */
const OPEN_INVOICES_MAX_PAGES = 10;

/** Reason shown when a block failed for a reason other than its upstream. */
const INTERNAL_FAILURE = 'Temporarily unavailable';

const SOURCE: Record<StatusBlockName, BlockSource> = {
  profile: 'whmcs',
  crm: 'salesforce',
  subscriptions: 'whmcs',
  billing: 'whmcs',
  cases: 'salesforce',
  usage: 'portico',
};

type Block<T> = { meta: BlockMeta; data: T | null };

/**
 * Builds the dashboard document of an account. Every block is read in parallel through
 * {@link StatusCacheService}; a failing upstream or a missing link makes its blocks `unavailable` (with a safe
 * `reason`) and never fails the document.
 */
@Injectable()
export class MeStatusService {
  private readonly logger = new Logger(MeStatusService.name);

  constructor(
    private readonly billing: BillingProvider,
    private readonly crm: CrmProvider,
    private readonly usage: UsageService,
    private readonly cache: StatusCacheService,
  ) {}

  /** The dashboard document of `account` (the caller has checked membership). */
  async getStatus(account: AccountContext): Promise<AccountStatus> {
    const { accountId, whmcsClientId: clientId, salesforceAccountId: crmId } = account;
    const [profile, crm, subscriptions, billing, cases, usage] = await Promise.all([
      this.block<CustomerProfile>(account, 'profile', clientId === null ? null : () => this.billing.getCustomerProfile(clientId)),
      this.block<CrmAccount>(account, 'crm', crmId === null ? null : () => this.crm.getAccount(crmId)),
      this.block<Subscription[]>(account, 'subscriptions', clientId === null ? null : () => this.billing.listSubscriptions(clientId)),
      this.block<BillingSummary>(account, 'billing', clientId === null ? null : () => this.billingSummary(clientId)),
      this.block<CasesSummary>(account, 'cases', crmId === null ? null : () => this.casesSummary(crmId)),
      this.block<UsageTile[]>(account, 'usage', () => this.usageTiles(accountId, clientId)),
    ]);
    return {
      account: { id: accountId, name: account.accountName },
      generatedAt: new Date().toISOString(),
      profile,
      crm,
      subscriptions,
      billing,
      cases,
      usage,
    };
  }

  /** One block: cached value, fresh value, or `unavailable` (never throws). `load` null means "not linked". */
  private async block<T>(
    account: AccountContext,
    name: StatusBlockName,
    load: (() => Promise<T>) | null,
  ): Promise<Block<T>> {
    const source = SOURCE[name];
    if (load === null) {
      return { meta: { source, fetchedAt: null, stale: false, unavailable: true, reason: NOT_LINKED_REASON }, data: null };
    }
    try {
      const { data, fetchedAt } = await this.cache.getOrLoad(account.accountId, name, load);
      return { meta: { source, fetchedAt, stale: false, unavailable: false }, data };
    } catch (err) {
      const reason = err instanceof UpstreamException ? err.message : INTERNAL_FAILURE;
      this.logger.warn(
        {
          accountId: account.accountId,
          block: name,
          upstream: err instanceof UpstreamException ? err.system : source,
          kind: err instanceof UpstreamException ? err.kind : 'internal',
          err: err instanceof UpstreamException ? err.reason : err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        },
        'status block unavailable',
      );
      return { meta: { source, fetchedAt: null, stale: false, unavailable: true, reason }, data: null };
    }
  }

  private async billingSummary(clientId: number): Promise<BillingSummary> {
    const [open, recent] = await Promise.all([
      this.openInvoices(clientId),
      this.billing.listInvoices(clientId, { status: 'all', page: 1, pageSize: RECENT_INVOICES }),
    ]);
    return summarizeBilling(open, recent.items);
  }

  private async openInvoices(clientId: number): Promise<Invoice[]> {
    const items: Invoice[] = [];
    for (let page = 1; page <= OPEN_INVOICES_MAX_PAGES; page += 1) {
      const result = await this.billing.listInvoices(clientId, { status: 'open', page, pageSize: OPEN_INVOICES_PAGE });
      items.push(...result.items);
      if (result.items.length < OPEN_INVOICES_PAGE || items.length >= result.page.total) break;
    }
    return items;
  }

  private async casesSummary(crmId: string): Promise<CasesSummary> {
    const page = await this.crm.listCases(crmId, { state: 'open', page: 1, pageSize: DASHBOARD_OPEN_CASES });
    return { openCount: page.page.total, open: page.items };
  }

  /** Usage against limits from the (cached) subscriptions; limits are unknown when those cannot be read. */
  private async usageTiles(accountId: string, clientId: number | null): Promise<UsageTile[]> {
    const subscriptionsPromise: Promise<Subscription[] | null> =
      clientId === null
        ? Promise.resolve(null)
        : this.cache
            .getOrLoad(accountId, 'subscriptions', () => this.billing.listSubscriptions(clientId))
            .then((b) => b.data)
            .catch(() => null);
    const [current, subscriptions] = await Promise.all([this.usage.currentPeriod(accountId), subscriptionsPromise]);
    return toUsageTiles(current, subscriptions);
  }
}
