import { Inject, Injectable } from '@nestjs/common';
import type {
  CancelSubscriptionRequest,
  CustomerProfile,
  Domain,
  Invoice,
  InvoiceDetail,
  InvoiceListFilter,
  InvoiceListQuery,
  PaymentMethod,
  Subscription,
} from '@portico/domain';
import {
  isExistingCancellationMessage,
  toCustomerProfile,
  toDomains,
  toInvoiceDetail,
  toInvoicePage,
  toPaymentMethods,
  toSsoTokenParams,
  toSubscriptions,
  toWhmcsCancellationType,
  whmcsCancelRequestSchema,
  whmcsClientCurrency,
  whmcsClientsDetailsSchema,
  whmcsClientsDomainsSchema,
  whmcsClientsProductsSchema,
  whmcsInvoiceSchema,
  whmcsInvoicesSchema,
  whmcsPayMethodsSchema,
  whmcsSsoTokenSchema,
  type WhmcsClientsDetailsRaw,
} from '@portico/domain/providers/whmcs';
import { CachePort } from '../../core/cache/cache.port';
import { SingleFlight, type FlightErrorCodec } from '../../core/cache/single-flight';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import {
  BillingProvider,
  type BillingHandoffTarget,
  type CancellationOutcome,
  type InvoicePageData,
} from '../../modules/billing/billing.provider';
import { UpstreamException, type UpstreamFailureKind } from '../upstream/upstream.exception';
import { WhmcsClient } from './whmcs.client';
import { WhmcsException } from './whmcs.exception';

/**
 * `GetInvoices` `status` for each domain filter. WHMCS's `Unpaid` includes overdue invoices; `Overdue` is a
 * pseudo-status (unpaid and past due). `unpaid` (not yet overdue) has no WHMCS equivalent: it is read as
 * `Unpaid` and narrowed here.
 */
export const WHMCS_INVOICE_STATUS: Readonly<Record<InvoiceListFilter, string | undefined>> = {
  all: undefined,
  open: 'Unpaid',
  unpaid: 'Unpaid',
  overdue: 'Overdue',
  paid: 'Paid',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  draft: 'Draft',
  collections: 'Collections',
};

/** Largest `limitnum` asked of WHMCS when all invoices of a status must be read. */
const BULK_PAGE = 250;
/** How long a client's currency is remembered, ms. */
const CURRENCY_TTL_MS = 10 * 60_000;

/** A WHMCS failure as it crosses instances (a `GetClientsDetails` shared by callers on several instances). */
const whmcsFailureCodec: FlightErrorCodec = {
  encode: (err) =>
    err instanceof UpstreamException
      ? { kind: err.kind, reason: err.reason, rateLimited: err.rateLimited, retryAfterMs: err.retryAfterMs }
      : { kind: 'unreachable', reason: err instanceof Error ? err.message : String(err) },
  decode: (encoded) => {
    const e = encoded as {
      kind: UpstreamFailureKind;
      reason: string;
      rateLimited?: boolean;
      retryAfterMs?: number;
    };
    return new WhmcsException(e.kind, 'GetClientsDetails', `(call made by another instance) ${e.reason}`, {
      rateLimited: e.rateLimited,
      retryAfterMs: e.retryAfterMs,
    });
  },
};

/** {@link BillingProvider} backed by the WHMCS API; payloads are mapped by `@portico/domain/providers/whmcs`. */
@Injectable()
export class WhmcsBillingProvider extends BillingProvider {
  private readonly currencies = new Map<number, { currency: string; until: number }>();
  /**
   * `GetClientsDetails` calls under way per client, shared by concurrent callers of this instance and, with
   * Redis, of every instance (only while the call runs: nothing is cached beyond it).
   */
  private readonly details: SingleFlight;
  /** WHMCS's server time zone (`WHMCS_TIMEZONE`): its date-times carry none. */
  private readonly timeZone: string;

  constructor(
    private readonly whmcs: WhmcsClient,
    cache: CachePort,
    @Inject(ENV) env: Env,
  ) {
    super();
    this.details = new SingleFlight(cache, env.STATUS_CACHE_LOCK_MS, whmcsFailureCodec);
    this.timeZone = env.WHMCS_TIMEZONE;
  }

  /** `GetClientsDetails` (`stats=false`). */
  async getCustomerProfile(clientId: number): Promise<CustomerProfile> {
    const raw = await this.clientDetails(clientId);
    return toCustomerProfile(raw);
  }

  /** `GetClientsProducts`, amounts in the client's currency. */
  async listSubscriptions(clientId: number): Promise<Subscription[]> {
    const [currency, raw] = await Promise.all([
      this.clientCurrency(clientId),
      this.whmcs.call(
        'GetClientsProducts',
        { clientid: clientId, limitnum: BULK_PAGE },
        whmcsClientsProductsSchema,
      ),
    ]);
    return toSubscriptions(raw, currency, { serverTimeZone: this.timeZone });
  }

  /** `GetInvoices` with `userid`, `status`, `limitstart`/`limitnum`, newest first. */
  async listInvoices(clientId: number, query: InvoiceListQuery): Promise<InvoicePageData> {
    const currency = await this.clientCurrency(clientId);
    const status = WHMCS_INVOICE_STATUS[query.status];
    const pageInfo = { page: query.page, pageSize: query.pageSize };

    if (query.status === 'unpaid') {
      // WHMCS cannot tell "unpaid, not yet due" apart: read every unpaid invoice and narrow.
      const all = (await this.readAll(clientId, status, currency)).filter((i) => i.status === 'unpaid');
      const start = (query.page - 1) * query.pageSize;
      return { items: all.slice(start, start + query.pageSize), page: { ...pageInfo, total: all.length } };
    }

    const raw = await this.whmcs.call(
      'GetInvoices',
      {
        userid: clientId,
        status,
        limitstart: (query.page - 1) * query.pageSize,
        limitnum: query.pageSize,
        orderby: 'date',
        order: 'desc',
      },
      whmcsInvoicesSchema,
    );
    const mapped = toInvoicePage(raw, { currency, now: new Date(), serverTimeZone: this.timeZone });
    return { items: mapped.items, page: { ...pageInfo, total: mapped.total } };
  }

  /** `GetInvoice`; null when WHMCS does not know it or it belongs to another client (`userid`). */
  async getInvoice(clientId: number, invoiceId: string): Promise<InvoiceDetail | null> {
    const raw = await this.rawInvoice(invoiceId);
    if (raw === null || raw.userid !== String(clientId)) return null;
    const currency = await this.clientCurrency(clientId);
    return toInvoiceDetail(raw, { currency, now: new Date(), serverTimeZone: this.timeZone });
  }

  /** `GetInvoice`'s `userid`. */
  async getInvoiceClientId(invoiceId: string): Promise<number | null> {
    const raw = await this.rawInvoice(invoiceId);
    return raw?.userid === undefined ? null : Number(raw.userid);
  }

  /** `GetClientsDomains` (every page of 250), amounts in the client's currency. */
  async listDomains(clientId: number): Promise<Domain[]> {
    const currency = await this.clientCurrency(clientId);
    const domains: Domain[] = [];
    for (let start = 0; ; start += BULK_PAGE) {
      const raw = await this.whmcs.call(
        'GetClientsDomains',
        { clientid: clientId, limitstart: start, limitnum: BULK_PAGE },
        whmcsClientsDomainsSchema,
      );
      const page = toDomains(raw, currency);
      domains.push(...page);
      if (page.length < BULK_PAGE || domains.length >= (raw.totalresults ?? 0)) return domains;
    }
  }

  /** `GetPayMethods` (its `remote_token` never leaves the raw schema). */
  async listPaymentMethods(clientId: number): Promise<PaymentMethod[]> {
    const raw = await this.whmcs.call('GetPayMethods', { clientid: clientId }, whmcsPayMethodsSchema);
    return toPaymentMethods(raw, new Date());
  }

  /** `CreateSsoToken` for the client (a write: never retried, never cached); the token is not logged. */
  async createHandoff(clientId: number, target: BillingHandoffTarget): Promise<{ redirectUrl: string }> {
    const raw = await this.whmcs.call(
      'CreateSsoToken',
      { client_id: clientId, ...toSsoTokenParams(target) },
      whmcsSsoTokenSchema,
      { write: true },
    );
    return { redirectUrl: raw.redirect_url };
  }

  /**
   * `AddCancelRequest` for one of the client's services (checked with `GetClientsProducts` first, since WHMCS
   * would accept any service id). WHMCS's "Existing Cancellation Request Exists" is `already_requested`.
   */
  async requestCancellation(
    clientId: number,
    subscriptionId: string,
    request: CancelSubscriptionRequest,
  ): Promise<CancellationOutcome> {
    const owned = await this.whmcs.call(
      'GetClientsProducts',
      { clientid: clientId, serviceid: subscriptionId },
      whmcsClientsProductsSchema,
    );
    if (
      !owned.products.some(
        (p) => p.id === subscriptionId && (p.clientid === undefined || p.clientid === String(clientId)),
      )
    )
      return 'not_found';
    try {
      await this.whmcs.call(
        'AddCancelRequest',
        { serviceid: subscriptionId, type: toWhmcsCancellationType(request.type), reason: request.reason },
        whmcsCancelRequestSchema,
        { write: true },
      );
      return 'requested';
    } catch (err) {
      if (
        err instanceof WhmcsException &&
        err.apiMessage !== undefined &&
        isExistingCancellationMessage(err.apiMessage)
      )
        return 'already_requested';
      throw err;
    }
  }

  /** `GetInvoices` with `limitnum=1`: authenticated, cheap, and parsed like any other answer. */
  async ping(): Promise<void> {
    await this.whmcs.call('GetInvoices', { limitnum: 1 }, whmcsInvoicesSchema);
  }

  private async readAll(clientId: number, status: string | undefined, currency: string): Promise<Invoice[]> {
    const items: Invoice[] = [];
    for (let start = 0; ; start += BULK_PAGE) {
      const raw = await this.whmcs.call(
        'GetInvoices',
        { userid: clientId, status, limitstart: start, limitnum: BULK_PAGE, orderby: 'date', order: 'desc' },
        whmcsInvoicesSchema,
      );
      const page = toInvoicePage(raw, { currency, now: new Date(), serverTimeZone: this.timeZone });
      items.push(...page.items);
      if (page.items.length < BULK_PAGE || items.length >= page.total) return items;
    }
  }

  private async rawInvoice(invoiceId: string) {
    try {
      return await this.whmcs.call('GetInvoice', { invoiceid: invoiceId }, whmcsInvoiceSchema);
    } catch (err) {
      if (err instanceof WhmcsException && err.apiMessage !== undefined && /not found/i.test(err.apiMessage))
        return null;
      throw err;
    }
  }

  /**
   * `GetClientsDetails`; concurrent callers for one client (the profile and every amount-carrying read of one
   * dashboard request, on any instance) share a single call.
   */
  private clientDetails(clientId: number): Promise<WhmcsClientsDetailsRaw> {
    return this.details.run(`whmcs:GetClientsDetails:${clientId}`, () =>
      this.whmcs.call('GetClientsDetails', { clientid: clientId, stats: false }, whmcsClientsDetailsSchema),
    );
  }

  private async clientCurrency(clientId: number): Promise<string> {
    const known = this.currencies.get(clientId);
    if (known && known.until > Date.now()) return known.currency;
    const currency = whmcsClientCurrency(await this.clientDetails(clientId));
    this.currencies.set(clientId, { currency, until: Date.now() + CURRENCY_TTL_MS });
    return currency;
  }
}
