import { z } from 'zod';
import { moneySchema, currencyCodeSchema } from '../common/money.schema';
import { isoDateSchema, isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';
import { readMetaSchema } from '../common/freshness.schema';

/**
 * Invoice status. `overdue` is an unpaid invoice past its due date. Anything the billing system reports that
 * Portico does not know becomes `unknown`, never an error.
 */
export const invoiceStatusSchema = z.enum([
  'draft',
  'unpaid',
  'overdue',
  'paid',
  'cancelled',
  'refunded',
  'collections',
  'payment_pending',
  'unknown',
]);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

/** One tax level of an invoice: `level` 1 or 2, its rate in percent (null when unknown) and amount. */
export const taxLineSchema = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  ratePercent: z.number().min(0).nullable(),
  amount: moneySchema,
});
export type TaxLine = z.infer<typeof taxLineSchema>;

/** An invoice header (no line items). Amounts are {@link moneySchema} in the invoice's currency. */
export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: invoiceStatusSchema,
  currency: currencyCodeSchema,
  issuedOn: isoDateSchema.nullable(),
  dueOn: isoDateSchema.nullable(),
  paidAt: isoTimestampSchema.nullable(),
  subtotal: moneySchema,
  /** All tax of the invoice: the sum of {@link taxLines}. */
  tax: moneySchema,
  /** Each tax level with its rate (WHMCS has two: `tax`/`taxrate` and `tax2`/`taxrate2`); zero levels left out. */
  taxLines: z.array(taxLineSchema),
  /** Account credit applied to the invoice (reduces the total). */
  credit: moneySchema,
  /** `subtotal + tax - credit`. */
  total: moneySchema,
  /** Amount still to pay (total minus payments). */
  balance: moneySchema,
  /** Last automatic card capture attempt (null when none): an unpaid invoice with one means the payment failed. */
  lastCaptureAttemptAt: isoTimestampSchema.nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** One line of an invoice. */
export const lineItemSchema = z.object({
  id: z.string(),
  description: z.string(),
  amount: moneySchema,
  taxed: z.boolean(),
  /** Kind of line as the billing system classifies it (e.g. `Hosting`, `Domain`, `Addon`); null when unset. */
  type: z.string().nullable(),
  /** Subscription the line bills for, when any. */
  subscriptionId: z.string().nullable(),
});
export type LineItem = z.infer<typeof lineItemSchema>;

/** A payment recorded against an invoice. */
export const paymentSchema = z.object({
  id: z.string(),
  at: isoTimestampSchema.nullable(),
  gateway: z.string().nullable(),
  amount: moneySchema,
});
export type Payment = z.infer<typeof paymentSchema>;

/** `GET .../invoices/:invoiceId`: the invoice with its line items and payments. */
export const invoiceDetailSchema = invoiceSchema.extend({
  lineItems: z.array(lineItemSchema),
  payments: z.array(paymentSchema),
  notes: z.string().nullable(),
});
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>;

/** Status filter accepted by the invoice list: one status or `open` (unpaid or overdue). */
export const invoiceListFilterSchema = z.enum([
  'all',
  'open',
  'paid',
  'unpaid',
  'overdue',
  'cancelled',
  'refunded',
  'draft',
  'collections',
]);
export type InvoiceListFilter = z.infer<typeof invoiceListFilterSchema>;

/** `GET .../invoices` query. */
export const invoiceListQuerySchema = pageQuerySchema.extend({
  status: invoiceListFilterSchema.default('all'),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

/** `GET .../invoices` response: one page and its freshness. */
export const invoicePageSchema = pageOf(invoiceSchema).extend({ meta: readMetaSchema });
export type InvoicePage = z.infer<typeof invoicePageSchema>;

/** `GET .../invoices/:invoiceId` response: the invoice detail and its freshness. */
export const invoiceDetailResponseSchema = invoiceDetailSchema.extend({ meta: readMetaSchema });
export type InvoiceDetailResponse = z.infer<typeof invoiceDetailResponseSchema>;

/**
 * `GET .../invoices.zip` query: the invoices issued in `[from, to]` (calendar dates, inclusive), at most
 * {@link INVOICE_ZIP_MAX_INVOICES}; the range spans at most 366 days.
 */
export const invoiceZipQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'the period spans at most 366 days',
    path: ['to'],
  });
export type InvoiceZipQuery = z.infer<typeof invoiceZipQuerySchema>;

/** Most invoices one zip holds (the newest of the period). */
export const INVOICE_ZIP_MAX_INVOICES = 500;
