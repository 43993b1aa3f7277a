import type {
  Invoice,
  InvoiceDetail,
  InvoiceStatus,
  LineItem,
  Payment,
  TaxLine,
} from '../../billing/invoice.schema';
import { moneyFromDecimal, type Money } from '../../common/money.schema';
import type {
  WhmcsInvoiceItemRaw,
  WhmcsInvoiceListItemRaw,
  WhmcsInvoiceRaw,
  WhmcsInvoicesRaw,
  WhmcsTransactionRaw,
} from './raw.schema';
import {
  decodeHtmlEntities,
  decodeOptionalText,
  normaliseKey,
  whmcsDateOnly,
  whmcsLocalToIso,
} from './wire-values.mapper';

/** Options of the invoice mappers. */
export interface WhmcsInvoiceOptions {
  /** The client's currency (ISO 4217), used when the payload carries no `currencycode` (GetInvoice never does). */
  currency: string;
  /** Reference time for `overdue` (an `Unpaid` invoice whose due date is before `now`'s UTC date). */
  now: Date;
  /** IANA zone of the WHMCS server's clock (`WHMCS_TIMEZONE`, default `UTC`); for `datepaid`, capture and transaction times. */
  serverTimeZone?: string;
}

const STATUSES: Readonly<Record<string, InvoiceStatus>> = {
  draft: 'draft',
  unpaid: 'unpaid',
  overdue: 'overdue',
  paid: 'paid',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  refunded: 'refunded',
  collections: 'collections',
  paymentpending: 'payment_pending',
};

/** Statuses for which money is still owed. */
const OWING: ReadonlySet<InvoiceStatus> = new Set<InvoiceStatus>([
  'unpaid',
  'overdue',
  'collections',
  'payment_pending',
  'draft',
]);

/**
 * WHMCS invoice status (`Unpaid`, `Paid`, `Cancelled`, `Refunded`, `Collections`, `Draft`, `Payment Pending`)
 * to Portico's; `Unpaid` with `dueOn` before `now`'s UTC date becomes `overdue`; unknown values become `unknown`.
 */
export function toInvoiceStatus(status: string | null, dueOn: string | null, now: Date): InvoiceStatus {
  const mapped = STATUSES[normaliseKey(status)] ?? 'unknown';
  if (mapped === 'unpaid' && dueOn !== null && dueOn < now.toISOString().slice(0, 10)) return 'overdue';
  return mapped;
}

function sum(a: Money, b: Money): Money {
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

type Header = WhmcsInvoiceListItemRaw | WhmcsInvoiceRaw;

/** A rate in percent from WHMCS's `taxrate` text; null when absent or zero. */
function rateOf(rate: string | undefined): number | null {
  if (rate === undefined) return null;
  const n = Number(rate);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The tax levels with an amount: level 1 <- `tax`/`taxrate`, level 2 <- `tax2`/`taxrate2`. */
export function toTaxLines(
  raw: Pick<Header, 'tax' | 'tax2' | 'taxrate' | 'taxrate2'>,
  currency: string,
): TaxLine[] {
  const lines: TaxLine[] = [];
  const levels: Array<[1 | 2, string, string | undefined]> = [
    [1, raw.tax, raw.taxrate],
    [2, raw.tax2, raw.taxrate2],
  ];
  for (const [level, amount, rate] of levels) {
    const money = moneyFromDecimal(amount, currency);
    if (money.amountMinor !== 0) lines.push({ level, ratePercent: rateOf(rate), amount: money });
  }
  return lines;
}

function captureAttemptOf(raw: Header): string | null {
  // GetInvoice spells it `lastcaptureattempt`, GetInvoices `last_capture_attempt`.
  const r = raw as Partial<Pick<WhmcsInvoiceRaw, 'lastcaptureattempt'>> &
    Partial<Pick<WhmcsInvoiceListItemRaw, 'last_capture_attempt'>>;
  return r.lastcaptureattempt ?? r.last_capture_attempt ?? null;
}

function headerOf(
  raw: Header,
  id: string,
  currency: string,
  balance: string | undefined,
  options: WhmcsInvoiceOptions,
): Invoice {
  const dueOn = whmcsDateOnly(raw.duedate);
  const status = toInvoiceStatus(raw.status, dueOn, options.now);
  const total = moneyFromDecimal(raw.total, currency);
  return {
    id,
    number: raw.invoicenum ?? id,
    status,
    currency: total.currency,
    issuedOn: whmcsDateOnly(raw.date),
    dueOn,
    paidAt: whmcsLocalToIso(raw.datepaid, options.serverTimeZone),
    subtotal: moneyFromDecimal(raw.subtotal, currency),
    tax: sum(moneyFromDecimal(raw.tax, currency), moneyFromDecimal(raw.tax2, currency)),
    taxLines: toTaxLines(raw, currency),
    credit: moneyFromDecimal(raw.credit, currency),
    total,
    balance:
      balance !== undefined
        ? moneyFromDecimal(balance, currency)
        : { amountMinor: OWING.has(status) ? total.amountMinor : 0, currency: total.currency },
    lastCaptureAttemptAt: whmcsLocalToIso(captureAttemptOf(raw), options.serverTimeZone),
  };
}

/**
 * Maps one invoice of `GetInvoices`.
 * - `id` <- `id`; `number` <- `invoicenum`, or the id when sequential numbering is off (`""`)
 * - `status` <- `status` (+ `duedate` vs `now` for `overdue`); `currency` <- `currencycode`, else `options.currency`
 * - `issuedOn` <- `date`; `dueOn` <- `duedate`; `paidAt` <- `datepaid` (server local time -> UTC; null for zero dates)
 * - `subtotal` <- `subtotal`; `tax` <- `tax` + `tax2`; `taxLines` <- `tax`/`taxrate`, `tax2`/`taxrate2` (zero levels
 *   left out); `credit` <- `credit` (credit applied); `total` <- `total` (= subtotal + tax + tax2 - credit)
 * - `lastCaptureAttemptAt` <- `last_capture_attempt` (null for the zero date)
 * - `balance`: GetInvoices has no balance, so `total` while the invoice is owing (unpaid, overdue, collections,
 *   payment pending, draft), else 0.
 */
export function toInvoice(raw: WhmcsInvoiceListItemRaw, options: WhmcsInvoiceOptions): Invoice {
  return headerOf(raw, raw.id, raw.currencycode ?? options.currency, undefined, options);
}

/** Maps `GetInvoices` to one page: `items` (see {@link toInvoice}) and `total` <- `totalresults`. */
export function toInvoicePage(
  raw: WhmcsInvoicesRaw,
  options: WhmcsInvoiceOptions,
): { items: Invoice[]; total: number } {
  const items = raw.invoices.map((i) => toInvoice(i, options));
  return { items, total: Math.max(raw.totalresults, items.length) };
}

/**
 * One invoice line: `id` <- `id`, `description` <- `description` (HTML entities decoded), `amount` <- `amount`,
 * `taxed` <- `taxed`, `type` <- `type` (null when blank), `subscriptionId` <- `relid` when `type` is `Hosting`
 * and `relid` is not 0.
 */
export function toLineItem(raw: WhmcsInvoiceItemRaw, currency: string): LineItem {
  const isService = normaliseKey(raw.type) === 'hosting';
  return {
    id: raw.id,
    description: decodeHtmlEntities(raw.description),
    amount: moneyFromDecimal(raw.amount, currency),
    taxed: raw.taxed,
    type: raw.type,
    subscriptionId: isService && raw.relid !== undefined && raw.relid !== '0' ? raw.relid : null,
  };
}

/** One payment: `id` <- `id`, `at` <- `date` (UTC), `gateway` <- `gateway`, `amount` <- `amountin` - `amountout`. */
export function toPayment(raw: WhmcsTransactionRaw, currency: string, serverTimeZone = 'UTC'): Payment {
  const amountIn = moneyFromDecimal(raw.amountin, currency);
  const amountOut = moneyFromDecimal(raw.amountout, currency);
  return {
    id: raw.id,
    at: whmcsLocalToIso(raw.date, serverTimeZone),
    gateway: raw.gateway,
    amount: { amountMinor: amountIn.amountMinor - amountOut.amountMinor, currency: amountIn.currency },
  };
}

/**
 * Maps `GetInvoice` to the invoice detail (header as {@link toInvoice}, with `id` <- `invoiceid` and `balance` <-
 * `balance` when present), `lineItems` <- `items.item[]`, `payments` <- `transactions.transaction[]`,
 * `notes` <- `notes` (null when blank). Amounts are in `options.currency` (GetInvoice carries no currency).
 */
export function toInvoiceDetail(raw: WhmcsInvoiceRaw, options: WhmcsInvoiceOptions): InvoiceDetail {
  const header = headerOf(raw, raw.invoiceid, options.currency, raw.balance, options);
  return {
    ...header,
    lineItems: raw.items.map((i) => toLineItem(i, header.currency)),
    payments: raw.transactions.map((t) => toPayment(t, header.currency, options.serverTimeZone)),
    notes: decodeOptionalText(raw.notes),
  };
}
