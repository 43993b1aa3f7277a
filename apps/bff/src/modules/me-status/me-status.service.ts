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
import { UpstreamHealth } from '../../integrations/upstream/upstream-health.port';
import { BillingProvider } from '../billing/billing.provider';
import { CrmProvider } from '../support/crm.provider';
import { UsageTilesService } from '../usage/usage-tiles.service';
import { RECENT_INVOICES, summarizeBilling } from './billing-summary.mapper';
import {
  blockFailureReason,
  StatusCacheService,
  type StoredBlock,
} from '../status-cache/status-cache.service';

/** Open cases shown on the dashboard. */
const DASHBOARD_OPEN_CASES = 5;
/** Page size used to read every open invoice. */
const OPEN_INVOICES_PAGE = 100;
/** Upper bound of open-invoice pages read for the summary. */
const OPEN_INVOICES_MAX_PAGES = 10;

const SOURCE: Record<StatusBlockName, BlockSource> = {
  profile: 'whmcs',
  crm: 'salesforce',
  subscriptions: 'whmcs',
  billing: 'whmcs',
  cases: 'salesforce',
  usage: 'portico',
};

type Block<T> = { meta: BlockMeta; data: T | null };

/** Every block, in the order they are read ahead from the cache. */
const BLOCKS: readonly StatusBlockName[] = ['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage'];

/**
 * Builds the dashboard document of an account. Every block is read in parallel through
 * {@link StatusCacheService} (stale-while-revalidate, the entries read ahead in one round trip); a failing
 * upstream leaves the last good copy `stale` (with the reason), or, without one, makes its blocks `unavailable`
 * (with a safe `reason`). A missing link makes its blocks `unavailable` too. The document never fails, and
 * carries the circuit breaker state of each upstream.
 */
@Injectable()
export class MeStatusService {
  private readonly logger = new Logger(MeStatusService.name);

  constructor(
    private readonly billing: BillingProvider,
    private readonly crm: CrmProvider,
    private readonly usage: UsageTilesService,
    private readonly cache: StatusCacheService,
    private readonly upstreams: UpstreamHealth,
  ) {}

  /** The dashboard document of `account` (the caller has checked membership). */
  async getStatus(account: AccountContext): Promise<AccountStatus> {
    const { accountId, whmcsClientId: clientId, salesforceAccountId: crmId } = account;
    const stored = await this.cache.peek(accountId, BLOCKS).catch(() => BLOCKS.map(() => undefined));
    const known = <T>(name: StatusBlockName): { known: StoredBlock<T> | undefined } => ({
      known: stored[BLOCKS.indexOf(name)] as StoredBlock<T> | undefined,
    });
    const fast = this.allFresh(account, stored);
    if (fast) {
      this.cache.countFreshReads(BLOCKS);
      return fast;
    }
    const [profile, crm, subscriptions, billing, cases, usage] = await Promise.all([
      this.block<CustomerProfile>(
        account,
        'profile',
        clientId === null ? null : () => this.billing.getCustomerProfile(clientId),
        known('profile'),
      ),
      this.block<CrmAccount>(
        account,
        'crm',
        crmId === null ? null : () => this.crm.getAccount(crmId),
        known('crm'),
      ),
      this.block<Subscription[]>(
        account,
        'subscriptions',
        clientId === null ? null : () => this.billing.listSubscriptions(clientId),
        known('subscriptions'),
      ),
      this.block<BillingSummary>(
        account,
        'billing',
        clientId === null ? null : () => this.billingSummary(clientId),
        known('billing'),
      ),
      this.block<CasesSummary>(
        account,
        'cases',
        crmId === null ? null : () => this.casesSummary(crmId),
        known('cases'),
      ),
      this.block<UsageTile[]>(
        account,
        'usage',
        () => this.usageTiles(accountId, clientId, known('subscriptions')),
        known('usage'),
      ),
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
      upstreams: this.upstreams.status(),
    };
  }

  /**
   * The document straight from the entries read ahead when every linked block is fresh (the common, hot case):
   * no load to start, so no promise per block. null when any block needs {@link block}'s full path.
   */
  private allFresh(
    account: AccountContext,
    stored: ReadonlyArray<StoredBlock<unknown> | undefined>,
  ): AccountStatus | null {
    const now = Date.now();
    const linked: Record<BlockSource, boolean> = {
      whmcs: account.whmcsClientId !== null,
      salesforce: account.salesforceAccountId !== null,
      portico: true,
    };
    const blocks: Array<Block<unknown>> = [];
    for (let i = 0; i < BLOCKS.length; i += 1) {
      const name = BLOCKS[i] as StatusBlockName;
      const source = SOURCE[name];
      if (!linked[source]) {
        blocks.push({
          meta: { source, fetchedAt: null, stale: false, unavailable: true, reason: NOT_LINKED_REASON },
          data: null,
        });
        continue;
      }
      const entry = stored[i];
      if (entry === undefined || now >= entry.freshUntil) return null;
      blocks.push({
        meta: { source, fetchedAt: entry.fetchedAt, stale: false, unavailable: false },
        data: entry.data,
      });
    }
    const [profile, crm, subscriptions, billing, cases, usage] = blocks;
    return {
      account: { id: account.accountId, name: account.accountName },
      generatedAt: new Date(now).toISOString(),
      profile: profile as Block<CustomerProfile>,
      crm: crm as Block<CrmAccount>,
      subscriptions: subscriptions as Block<Subscription[]>,
      billing: billing as Block<BillingSummary>,
      cases: cases as Block<CasesSummary>,
      usage: usage as Block<UsageTile[]>,
      upstreams: this.upstreams.status(now),
    };
  }

  /**
   * One block: cached (fresh or stale, with why it is stale), freshly read, or `unavailable` (never throws).
   * `load` null means "not linked".
   */
  private async block<T>(
    account: AccountContext,
    name: StatusBlockName,
    load: (() => Promise<T>) | null,
    options: { known: StoredBlock<T> | undefined },
  ): Promise<Block<T>> {
    const source = SOURCE[name];
    if (load === null) {
      return {
        meta: { source, fetchedAt: null, stale: false, unavailable: true, reason: NOT_LINKED_REASON },
        data: null,
      };
    }
    try {
      const { data, fetchedAt, stale, reason } = await this.cache.getOrLoad(
        account.accountId,
        name,
        load,
        options,
      );
      const meta: BlockMeta = { source, fetchedAt, stale, unavailable: false };
      if (reason !== undefined) meta.reason = reason;
      return { meta, data };
    } catch (err) {
      const reason = blockFailureReason(err);
      this.logger.warn(
        {
          accountId: account.accountId,
          block: name,
          upstream: err instanceof UpstreamException ? err.system : source,
          kind: err instanceof UpstreamException ? err.kind : 'internal',
          err:
            err instanceof UpstreamException
              ? err.reason
              : err instanceof Error
                ? `${err.name}: ${err.message}`
                : String(err),
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
      const result = await this.billing.listInvoices(clientId, {
        status: 'open',
        page,
        pageSize: OPEN_INVOICES_PAGE,
      });
      items.push(...result.items);
      if (result.items.length < OPEN_INVOICES_PAGE || items.length >= result.page.total) break;
    }
    return items;
  }

  private async casesSummary(crmId: string): Promise<CasesSummary> {
    const page = await this.crm.listCases(crmId, { state: 'open', page: 1, pageSize: DASHBOARD_OPEN_CASES });
    return { openCount: page.page.total, open: page.items };
  }

  /**
   * Usage tiles (catalog metrics) with the (cached) subscriptions: WHMCS's own figures and limits; limits are unknown
   * when those cannot be read and the usage sync has not stored them.
   */
  private async usageTiles(
    accountId: string,
    clientId: number | null,
    subscriptionsEntry: { known: StoredBlock<Subscription[]> | undefined },
  ): Promise<UsageTile[]> {
    const subscriptionsPromise: Promise<Subscription[] | null> =
      clientId === null
        ? Promise.resolve(null)
        : this.cache
            .getOrLoad(
              accountId,
              'subscriptions',
              () => this.billing.listSubscriptions(clientId),
              subscriptionsEntry,
            )
            .then((b) => b.data)
            .catch(() => null);
    return this.usage.tiles(accountId, await subscriptionsPromise);
  }
}
