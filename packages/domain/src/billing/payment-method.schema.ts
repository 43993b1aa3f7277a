import { z } from 'zod';
import { isoDateSchema, isoTimestampSchema } from '../common/date-range.schema';
import { readMetaSchema } from '../common/freshness.schema';

/** Kind of a stored payment method. */
export const paymentMethodTypeSchema = z.enum(['card', 'bank_account', 'unknown']);
export type PaymentMethodType = z.infer<typeof paymentMethodTypeSchema>;

/**
 * A stored payment method, as much as the billing system shows of it: never a card number, only its brand, last
 * four digits and expiry month. Portico stores none of it.
 */
export const paymentMethodSchema = z.object({
  id: z.string(),
  type: paymentMethodTypeSchema,
  /** The customer's label, e.g. `Company card`; null when blank. */
  description: z.string().nullable(),
  /** Card brand, e.g. `Visa`; null for bank accounts or when unknown. */
  cardBrand: z.string().nullable(),
  /** Last four digits of the card or account number, null when unknown. */
  lastFour: z.string().nullable(),
  /** Card expiry month as `YYYY-MM`, null when none. */
  expiryMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .nullable(),
  /** Whether the card's expiry month is over (relative to the response's time). */
  expired: z.boolean(),
  /** The method the billing system charges first. */
  isDefault: z.boolean(),
  /** Bank name of a bank account, null otherwise. */
  bankName: z.string().nullable(),
  /** Payment gateway holding it (e.g. `stripe`), null when none. */
  gateway: z.string().nullable(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * The default card expires before the next charge: `nextChargeOn` is the earliest due date of the open invoices and
 * active services, `expiryMonth` the card's.
 */
export const paymentMethodWarningSchema = z.object({
  kind: z.literal('default_card_expires_before_next_charge'),
  paymentMethodId: z.string(),
  expiryMonth: z.string(),
  nextChargeOn: isoDateSchema,
});
export type PaymentMethodWarning = z.infer<typeof paymentMethodWarningSchema>;

/** `GET .../payment-methods` response. */
export const paymentMethodListSchema = z.object({
  items: z.array(paymentMethodSchema),
  warning: paymentMethodWarningSchema.nullable(),
  meta: readMetaSchema,
});
export type PaymentMethodList = z.infer<typeof paymentMethodListSchema>;

/**
 * A single sign-on hand-off to the billing system's own pages (pay an invoice, manage payment methods): open
 * `redirectUrl` before `expiresAt` (a one-time token valid 60 s). Never cache or log it.
 */
export const billingHandoffSchema = z.object({
  redirectUrl: z.url(),
  expiresAt: isoTimestampSchema,
});
export type BillingHandoff = z.infer<typeof billingHandoffSchema>;
