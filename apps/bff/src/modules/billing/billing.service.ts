import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import type archiverType from 'archiver';
import {
  INVOICE_ZIP_MAX_INVOICES,
  type BillingHandoff,
  type CancelSubscriptionRequest,
  type CustomerProfile,
  type DomainList,
  type DomainListQuery,
  type Invoice,
  type InvoiceDetail,
  type InvoiceDetailResponse,
  type InvoiceListQuery,
  type InvoicePage,
  type InvoiceZipQuery,
  type PaymentMethodList,
  type ReadMeta,
  type Subscription,
  type SubscriptionCancellation,
  type SubscriptionList,
} from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { AuditService } from '../audit/audit.service';
import type { RequestAuditContext } from '../audit/audit-context';
import { ReadCacheService, type CachedRead } from '../read-cache/read-cache.service';
import { BillingProvider, type BillingHandoffTarget } from './billing.provider';
import { BillingRepository } from './billing.repository';
import {
  compareDomains,
  defaultCardWarning,
  domainMatches,
  isExpiringSoon,
  nextChargeDate,
  utcDay,
} from './billing-rules.mapper';
import { renderInvoicePdf } from './invoice-pdf.renderer';
import { loadSeller, type Seller } from './seller.config';

/** WHMCS invoice ids are positive integers (at most 10 digits). */
export const INVOICE_ID_PATTERN = /^[1-9]\d{0,9}$/;
/** WHMCS service ids likewise. */
export const SUBSCRIPTION_ID_PATTERN = /^[1-9]\d{0,9}$/;

/** How long a single sign-on hand-off stays valid (WHMCS: 60 s), ms. */
export const HANDOFF_TTL_MS = 60_000;

/** Page size used to read every open invoice (for the next charge date). */
const OPEN_PAGE = 100;
/** Page size used to read the invoices of a zip period. */
const ZIP_PAGE = 100;

/** Subscription statuses that cannot be cancelled (any more). */
const NOT_CANCELLABLE = new Set(['cancelled', 'terminated', 'fraud', 'completed']);

/** Freshness of data Portico holds itself (never stale). */
function nowMeta(source: ReadMeta['source']): ReadMeta {
  return { source, fetchedAt: new Date().toISOString(), stale: false };
}

/** `invoice-<number>.pdf` with only safe characters. */
export function invoiceFileName(invoice: Pick<InvoiceDetail, 'number' | 'id'>): string {
  return `invoice-${(invoice.number || invoice.id).replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

/**
 * Billing of an account: invoices, subscriptions (services), domains and payment methods read through the
 * stale-while-revalidate read cache (each answer carries its freshness; a read with a cached copy never fails),
 * invoice PDFs and zips of a period, hand-offs to the billing system's own pages (single sign-on), and
 * cancellation requests. Accounts without a billing link have none of these.
 */
@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);
  private readonly seller: Seller;

  constructor(
    private readonly billing: BillingProvider,
    private readonly cache: ReadCacheService,
    private readonly repository: BillingRepository,
    private readonly audit: AuditService,
    @Inject(ENV) env: Env,
    private readonly clock: Clock,
  ) {
    this.seller = loadSeller(env.SELLER_CONFIG_PATH);
  }

  /** One page of the account's invoices. */
  async listInvoices(account: AccountContext, query: InvoiceListQuery): Promise<InvoicePage> {
    const clientId = account.whmcsClientId;
    if (clientId === null)
      return {
        items: [],
        page: { page: query.page, pageSize: query.pageSize, total: 0 },
        meta: nowMeta('whmcs'),
      };
    const { data, meta } = await this.cache.read(account, 'invoices', { list: query }, () =>
      this.billing.listInvoices(clientId, query),
    );
    return { ...data, meta };
  }

  /**
   * One invoice of the account.
   * @throws AppException 404 when the id is malformed, unknown, or another client's invoice
   */
  async getInvoice(account: AccountContext, invoiceId: string): Promise<InvoiceDetailResponse> {
    const { data, meta } = await this.invoiceDetail(account, invoiceId);
    return { ...data, meta };
  }

  private async invoiceDetail(
    account: AccountContext,
    invoiceId: string,
  ): Promise<CachedRead<InvoiceDetail>> {
    const clientId = account.whmcsClientId;
    if (!INVOICE_ID_PATTERN.test(invoiceId) || clientId === null)
      throw AppException.notFound('Invoice not found');
    const read = await this.cache.read(account, 'invoices', `detail:${invoiceId}`, () =>
      this.billing.getInvoice(clientId, invoiceId),
    );
    if (read.data === null) throw AppException.notFound('Invoice not found');
    return { data: read.data, meta: read.meta };
  }

  /** Every subscription of the account with its pending cancellation (requested through Portico). */
  async listSubscriptions(account: AccountContext): Promise<SubscriptionList> {
    const clientId = account.whmcsClientId;
    if (clientId === null) return { items: [], meta: nowMeta('whmcs') };
    const [{ data, meta }, cancellations] = await Promise.all([
      this.cache.read(account, 'subscriptions', 'all', () => this.billing.listSubscriptions(clientId)),
      this.repository.cancellations(account.accountId),
    ]);
    return { items: data.map((s) => ({ ...s, cancellation: cancellations.get(s.id) ?? null })), meta };
  }

  /** The account's domains matching the filter (soonest expiry first), with counts over all of them. */
  async listDomains(account: AccountContext, query: DomainListQuery): Promise<DomainList> {
    const clientId = account.whmcsClientId;
    if (clientId === null) return { items: [], total: 0, expiringSoon: 0, meta: nowMeta('whmcs') };
    const { data, meta } = await this.cache.read(account, 'domains', 'all', () =>
      this.billing.listDomains(clientId),
    );
    const now = this.clock.now();
    const search = query.search?.toLowerCase();
    const items = data
      .filter((d) => domainMatches(d, query.status, now) && (search === undefined || d.name.includes(search)))
      .sort(compareDomains);
    return {
      items,
      total: data.length,
      expiringSoon: data.filter((d) => isExpiringSoon(d, now)).length,
      meta,
    };
  }

  /** The account's payment methods, and a warning when the default card expires before the next charge. */
  async listPaymentMethods(account: AccountContext): Promise<PaymentMethodList> {
    const clientId = account.whmcsClientId;
    if (clientId === null) return { items: [], warning: null, meta: nowMeta('whmcs') };
    const { data, meta } = await this.cache.read(account, 'payment_methods', 'all', () =>
      this.billing.listPaymentMethods(clientId),
    );
    const next = await this.nextCharge(account, clientId).catch((err: unknown) => {
      this.logger.warn(
        { accountId: account.accountId, err: err instanceof Error ? err.message : String(err) },
        'next charge date unknown',
      );
      return null;
    });
    return { items: data, warning: defaultCardWarning(data, next), meta };
  }

  /** The next charge date from the (cached) subscriptions and open invoices. */
  async nextCharge(account: Pick<AccountContext, 'accountId'>, clientId: number): Promise<string | null> {
    const [subscriptions, open] = await Promise.all([
      this.cache.read(account, 'subscriptions', 'all', () => this.billing.listSubscriptions(clientId)),
      this.cache.read(account, 'invoices', { list: { status: 'open', page: 1, pageSize: OPEN_PAGE } }, () =>
        this.billing.listInvoices(clientId, { status: 'open', page: 1, pageSize: OPEN_PAGE }),
      ),
    ]);
    return nextChargeDate(subscriptions.data, open.data.items, this.clock.now());
  }

  /**
   * A single sign-on link to pay one of the account's unpaid invoices in the billing system (never cached, never
   * logged; audited without it).
   * @throws AppException 404 for a foreign or unknown invoice, 409 when it has nothing to pay; UpstreamException
   *   when the billing system refuses the token
   */
  async payInvoice(
    account: AccountContext,
    invoiceId: string,
    ctx: RequestAuditContext,
  ): Promise<BillingHandoff> {
    const { data: invoice } = await this.invoiceDetail(account, invoiceId);
    if (
      invoice.balance.amountMinor <= 0 ||
      !['unpaid', 'overdue', 'collections', 'payment_pending'].includes(invoice.status)
    ) {
      throw new AppException('conflict', 'This invoice has nothing left to pay');
    }
    return this.handoff(account, { kind: 'invoice', invoiceId }, ctx);
  }

  /** A single sign-on link to the billing system's payment methods page. */
  managePaymentMethods(account: AccountContext, ctx: RequestAuditContext): Promise<BillingHandoff> {
    return this.handoff(account, { kind: 'payment_methods' }, ctx);
  }

  private async handoff(
    account: AccountContext,
    target: BillingHandoffTarget,
    ctx: RequestAuditContext,
  ): Promise<BillingHandoff> {
    const clientId = account.whmcsClientId;
    if (clientId === null)
      throw new AppException('conflict', 'This account is not linked to the billing system');
    const expiresAt = new Date(this.clock.nowMs() + HANDOFF_TTL_MS).toISOString();
    const { redirectUrl } = await this.billing.createHandoff(clientId, target);
    await this.audit.record({
      ...ctx,
      action: target.kind === 'invoice' ? 'billing.payment_handoff' : 'billing.payment_methods_handoff',
      target: target.kind === 'invoice' ? target.invoiceId : null,
    });
    return { redirectUrl, expiresAt };
  }

  /**
   * Asks the billing system to cancel one of the account's subscriptions (immediately or at the end of the billing
   * period), records who asked, and refreshes the services.
   * @throws AppException 404 for an unknown or foreign subscription; 409 when it is already cancelled or a
   *   cancellation is pending
   */
  async cancelSubscription(
    account: AccountContext,
    subscriptionId: string,
    request: CancelSubscriptionRequest,
    ctx: RequestAuditContext & { actorUserId: string },
  ): Promise<SubscriptionCancellation> {
    const clientId = account.whmcsClientId;
    if (!SUBSCRIPTION_ID_PATTERN.test(subscriptionId) || clientId === null)
      throw AppException.notFound('Service not found');
    const current = await this.billing.listSubscriptions(clientId);
    const subscription: Subscription | undefined = current.find((s) => s.id === subscriptionId);
    if (subscription === undefined) throw AppException.notFound('Service not found');
    if (NOT_CANCELLABLE.has(subscription.status))
      throw new AppException('conflict', `This service is already ${subscription.status}`);
    const existing = (await this.repository.cancellations(account.accountId)).get(subscriptionId);
    if (existing) throw new AppException('conflict', 'A cancellation of this service is already requested');
    const outcome = await this.billing.requestCancellation(clientId, subscriptionId, request);
    if (outcome === 'not_found') throw AppException.notFound('Service not found');
    // Recorded either way: WHMCS may hold a request made elsewhere, which the services page should show too.
    await this.repository.recordCancellation(account.accountId, subscriptionId, ctx.actorUserId, request);
    await this.cache.invalidate(account.accountId, ['subscriptions']);
    if (outcome === 'already_requested')
      throw new AppException('conflict', 'A cancellation of this service is already requested');
    await this.audit.record({
      ...ctx,
      action: 'subscription.cancellation_requested',
      target: subscriptionId,
      metadata: { type: request.type, product: subscription.productName },
    });
    const stored = (await this.repository.cancellations(account.accountId)).get(subscriptionId);
    if (!stored)
      throw new AppException('internal_error', 'The cancellation was requested but could not be read back');
    return stored;
  }

  /**
   * One invoice as a PDF (the detail page's figures, the seller from configuration, the customer's billing address).
   * @throws AppException 404 for a foreign or unknown invoice
   */
  async invoicePdf(account: AccountContext, invoiceId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const { data: invoice } = await this.invoiceDetail(account, invoiceId);
    const profile = await this.profile(account);
    return { fileName: invoiceFileName(invoice), pdf: await renderInvoicePdf(invoice, profile, this.seller) };
  }

  /**
   * A zip of the PDFs of every invoice issued in the period (newest first, at most
   * {@link INVOICE_ZIP_MAX_INVOICES}), streamed: each PDF is rendered while the previous one is being sent.
   * @throws AppException 404 when the period holds no invoice (before anything is streamed)
   */
  async invoiceZip(
    account: AccountContext,
    query: InvoiceZipQuery,
  ): Promise<{ fileName: string; stream: Readable }> {
    const invoices = await this.invoicesIssuedIn(account, query);
    if (invoices.length === 0) throw AppException.notFound('No invoices were issued in this period');
    const profile = await this.profile(account);
    // Loaded on first use: archives are rare, and the library weighs MBs in every process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const archiver = require('archiver') as typeof archiverType;
    const archive = archiver('zip', { zlib: { level: 6 } });
    const out = new PassThrough();
    archive.on('warning', (err) => this.logger.warn({ err: err.message }, 'invoice zip warning'));
    archive.on('error', (err) => out.destroy(err));
    archive.pipe(out);
    void (async () => {
      for (const summary of invoices) {
        if (out.destroyed) return;
        try {
          const { data: invoice } = await this.invoiceDetail(account, summary.id);
          const pdf = await renderInvoicePdf(invoice, profile, this.seller);
          archive.append(pdf, {
            name: invoiceFileName(invoice),
            date: new Date(`${invoice.issuedOn ?? utcDay(new Date())}T12:00:00Z`),
          });
        } catch (err) {
          // One unreadable invoice must not lose the others: it is named in a note inside the zip.
          const reason = err instanceof Error ? err.message : String(err);
          this.logger.warn(
            { accountId: account.accountId, invoiceId: summary.id, err: reason },
            'invoice left out of zip',
          );
          archive.append(`Invoice ${summary.number} could not be included: ${reason}\n`, {
            name: `invoice-${summary.id}-MISSING.txt`,
          });
        }
      }
      await archive.finalize();
    })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return { fileName: `invoices-${query.from}_${query.to}.zip`, stream: out };
  }

  /** Invoices issued in `[from, to]`, newest first (WHMCS cannot filter by date: read newest first and stop). */
  private async invoicesIssuedIn(account: AccountContext, query: InvoiceZipQuery): Promise<Invoice[]> {
    const clientId = account.whmcsClientId;
    if (clientId === null) return [];
    const found: Invoice[] = [];
    for (let page = 1; found.length < INVOICE_ZIP_MAX_INVOICES; page += 1) {
      const listQuery: InvoiceListQuery = { status: 'all', page, pageSize: ZIP_PAGE };
      const { data } = await this.cache.read(account, 'invoices', { list: listQuery }, () =>
        this.billing.listInvoices(clientId, listQuery),
      );
      for (const i of data.items)
        if (i.issuedOn !== null && i.issuedOn >= query.from && i.issuedOn <= query.to) found.push(i);
      const oldest = data.items.at(-1)?.issuedOn;
      if (
        data.items.length < ZIP_PAGE ||
        page * ZIP_PAGE >= data.page.total ||
        (oldest !== null && oldest !== undefined && oldest < query.from)
      )
        break;
    }
    return found.slice(0, INVOICE_ZIP_MAX_INVOICES);
  }

  /** The customer's billing profile (cached); null when it cannot be read (the PDF says so). */
  private async profile(account: AccountContext): Promise<CustomerProfile | null> {
    const clientId = account.whmcsClientId;
    if (clientId === null) return null;
    try {
      return (
        await this.cache.read(account, 'profile', 'all', () => this.billing.getCustomerProfile(clientId))
      ).data;
    } catch (err) {
      this.logger.warn(
        { accountId: account.accountId, err: err instanceof Error ? err.message : String(err) },
        'billing address unavailable for PDF',
      );
      return null;
    }
  }
}
