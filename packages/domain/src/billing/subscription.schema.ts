import { z } from 'zod';
import { moneySchema } from '../common/money.schema';
import { isoDateSchema, isoTimestampSchema } from '../common/date-range.schema';
import { readMetaSchema } from '../common/freshness.schema';

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

/** When a cancellation takes effect: at once, or when the paid billing period ends (WHMCS `AddCancelRequest` `type`). */
export const cancellationTypeSchema = z.enum(['immediate', 'end_of_billing_period']);
export type CancellationType = z.infer<typeof cancellationTypeSchema>;

/** A cancellation requested through Portico for a subscription. */
export const subscriptionCancellationSchema = z.object({
  subscriptionId: z.string(),
  type: cancellationTypeSchema,
  reason: z.string(),
  requestedAt: isoTimestampSchema,
  /** Name of the member who asked (null when that user is gone). */
  requestedBy: z.string().nullable(),
});
export type SubscriptionCancellation = z.infer<typeof subscriptionCancellationSchema>;

/** A subscription as the services page lists it: the subscription and its pending cancellation, if any. */
export const serviceSchema = subscriptionSchema.extend({
  cancellation: subscriptionCancellationSchema.nullable(),
});
export type Service = z.infer<typeof serviceSchema>;

/** `GET .../subscriptions` response: every subscription with its pending cancellation, and the list's freshness. */
export const subscriptionListSchema = z.object({ items: z.array(serviceSchema), meta: readMetaSchema });
export type SubscriptionList = z.infer<typeof subscriptionListSchema>;

/** `POST .../subscriptions/:subscriptionId/cancellation` body. */
export const cancelSubscriptionRequestSchema = z.object({
  type: cancellationTypeSchema,
  reason: z.string().trim().min(3, 'tell us why, in a few words').max(1000),
});
export type CancelSubscriptionRequest = z.infer<typeof cancelSubscriptionRequestSchema>;
