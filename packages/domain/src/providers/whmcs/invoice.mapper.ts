import type { Invoice, InvoiceDetail, InvoiceStatus, LineItem, Payment } from '../../billing/invoice.schema';
import { moneyFromDecimal, type Money } from '../../common/money.schema';
import type { WhmcsInvoiceItemRaw, WhmcsInvoiceListItemRaw, WhmcsInvoiceRaw, WhmcsInvoicesRaw, WhmcsTransactionRaw } from './raw.schema';
import { decodeHtmlEntities, decodeOptionalText, normaliseKey, whmcsDateOnly, whmcsLocalToIso } from './wire-values.mapper';

/** Options of the invoice mappers. */
export interface WhmcsInvoiceOptions {
  /** The client's currency (ISO 4217), used when the payload carries no `currencycode` (GetInvoice never does). */
  currency: string;
  /** Reference time for `overdue` (an `Unpaid` invoice whose due date is before `now`'s UTC date). */
  now: Date;
  /** Offset of the WHMCS server's clock from UTC in minutes (default 0); used for `datepaid` and transaction dates. */
  serverUtcOffsetMinutes?: number;
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
const OWING: ReadonlySet<InvoiceStatus> = new Set<InvoiceStatus>(['unpaid', 'overdue', 'collections', 'payment_pending', 'draft']);

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

function headerOf(raw: Header, id: string, currency: string, balance: string | undefined, options: WhmcsInvoiceOptions): Invoice {
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
    paidAt: whmcsLocalToIso(raw.datepaid, options.serverUtcOffsetMinutes),
    subtotal: moneyFromDecimal(raw.subtotal, currency),
    tax: sum(moneyFromDecimal(raw.tax, currency), moneyFromDecimal(raw.tax2, currency)),
    total,
    balance:
      balance !== undefined
        ? moneyFromDecimal(balance, currency)
        : { amountMinor: OWING.has(status) ? total.amountMinor : 0, currency: total.currency },
  };
}

/**
 * Maps one invoice of `GetInvoices`.
 * - `id` <- `id`; `number` <- `invoicenum`, or the id when sequential numbering is off (`""`)
 * - `status` <- `status` (+ `duedate` vs `now` for `overdue`); `currency` <- `currencycode`, else `options.currency`
 * - `issuedOn` <- `date`; `dueOn` <- `duedate`; `paidAt` <- `datepaid` (server local time -> UTC; null for zero dates)
 * - `subtotal` <- `subtotal`; `tax` <- `tax` + `tax2`; `total` <- `total`
 * - `balance`: GetInvoices has no balance, so `total` while the invoice is owing (unpaid, overdue, collections,
 *   payment pending, draft), else 0.
 */
export function toInvoice(raw: WhmcsInvoiceListItemRaw, options: WhmcsInvoiceOptions): Invoice {
  return headerOf(raw, raw.id, raw.currencycode ?? options.currency, undefined, options);
}

/** Maps `GetInvoices` to one page: `items` (see {@link toInvoice}) and `total` <- `totalresults`. */
export function toInvoicePage(raw: WhmcsInvoicesRaw, options: WhmcsInvoiceOptions): { items: Invoice[]; total: number } {
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
export function toPayment(raw: WhmcsTransactionRaw, currency: string, serverUtcOffsetMinutes = 0): Payment {
  const amountIn = moneyFromDecimal(raw.amountin, currency);
  const amountOut = moneyFromDecimal(raw.amountout, currency);
  return {
    id: raw.id,
    at: whmcsLocalToIso(raw.date, serverUtcOffsetMinutes),
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
    payments: raw.transactions.map((t) => toPayment(t, header.currency, options.serverUtcOffsetMinutes)),
    notes: decodeOptionalText(raw.notes),
  };
}
