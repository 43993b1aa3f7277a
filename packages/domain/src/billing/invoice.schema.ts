import { z } from 'zod';
import { moneySchema, currencyCodeSchema } from '../common/money.schema';
import { isoDateSchema, isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';

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
  tax: moneySchema,
  total: moneySchema,
  /** Amount still to pay (total minus payments and credit). */
  balance: moneySchema,
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
export const invoiceListFilterSchema = z.enum(['all', 'open', 'paid', 'unpaid', 'overdue', 'cancelled', 'refunded', 'draft', 'collections']);
export type InvoiceListFilter = z.infer<typeof invoiceListFilterSchema>;

/** `GET .../invoices` query. */
export const invoiceListQuerySchema = pageQuerySchema.extend({
  status: invoiceListFilterSchema.default('all'),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

/** `GET .../invoices` response. */
export const invoicePageSchema = pageOf(invoiceSchema);
export type InvoicePage = z.infer<typeof invoicePageSchema>;
