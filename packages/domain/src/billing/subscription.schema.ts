import { z } from 'zod';
import { moneySchema } from '../common/money.schema';
import { isoDateSchema } from '../common/date-range.schema';

/** Lifecycle of a subscription (a billed product or service). Unknown upstream values become `unknown`. */
export const subscriptionStatusSchema = z.enum([
  'pending',
  'active',
  'suspended',
  'terminated',
  'cancelled',
  'fraud',
  'completed',
  'unknown',
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** Billing cycle of a subscription. */
export const billingCycleSchema = z.enum([
  'free',
  'one_time',
  'monthly',
  'quarterly',
  'semi_annually',
  'annually',
  'biennially',
  'triennially',
  'unknown',
]);
export type BillingCycle = z.infer<typeof billingCycleSchema>;

/** A used amount against an optional limit, in `unit`. */
export const quotaSchema = z.object({
  unit: z.enum(['bytes']),
  used: z.number().min(0),
  /** null when the plan has no limit. */
  limit: z.number().min(0).nullable(),
  /** When the upstream last measured it. */
  measuredAt: z.string().nullable(),
});
export type Quota = z.infer<typeof quotaSchema>;

/** A subscription: one product or service the customer is billed for. */
export const subscriptionSchema = z.object({
  id: z.string(),
  productName: z.string(),
  groupName: z.string().nullable(),
  domain: z.string().nullable(),
  status: subscriptionStatusSchema,
  billingCycle: billingCycleSchema,
  recurringAmount: moneySchema,
  registeredOn: isoDateSchema.nullable(),
  nextDueOn: isoDateSchema.nullable(),
  disk: quotaSchema.nullable(),
  bandwidth: quotaSchema.nullable(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** `GET .../subscriptions` response. */
export const subscriptionListSchema = z.object({ items: z.array(subscriptionSchema) });
export type SubscriptionList = z.infer<typeof subscriptionListSchema>;
