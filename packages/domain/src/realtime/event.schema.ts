import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { statusBlockNameSchema } from '../status/account-status.schema';
import { invoiceStatusSchema } from '../billing/invoice.schema';
import { usageMetricSchema } from '../usage/usage.schema';
import { notificationKindSchema } from '../notifications/notification.schema';
import { usageAlertFiringSchema } from '../usage/usage-alert.schema';

const envelopeBase = {
  /** Unique event id (for de-duplication by clients). */
  id: z.string(),
  accountId: z.string(),
  occurredAt: isoTimestampSchema,
};

/** Something about the account changed upstream; `blocks` names the dashboard blocks to refetch. */
export const accountUpdateEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('account_update'),
  payload: z.object({ blocks: z.array(statusBlockNameSchema), reason: z.string() }),
});

/** An invoice changed state (created, paid, cancelled, refunded, overdue). */
export const billingAlertEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('billing_alert'),
  payload: z.object({
    kind: z.enum([
      'invoice_created',
      'invoice_paid',
      'invoice_cancelled',
      'invoice_refunded',
      'invoice_overdue',
      'payment_added',
    ]),
    invoiceId: z.string(),
    status: invoiceStatusSchema.nullable(),
  }),
});

/** New usage samples were recorded for these metrics. */
export const usageChangedEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('usage_changed'),
  payload: z.object({ metrics: z.array(usageMetricSchema) }),
});

/** A support case changed in the CRM or got a comment: refetch that case, its comments and the case lists. */
export const caseUpdatedEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('case_updated'),
  payload: z.object({ caseId: z.string(), reason: z.enum(['changed', 'comment_added']) }),
});

/** A notification was stored for the account (members whose role may see its kind refetch their list). */
export const notificationCreatedEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('notification_created'),
  payload: z.object({ notificationId: z.string(), kind: notificationKindSchema }),
});

/** A usage alert rule crossed its threshold (fired once per crossing); `alertId` is the firing's id. */
export const usageAlertEventSchema = z.object({
  ...envelopeBase,
  type: z.literal('usage_alert'),
  payload: usageAlertFiringSchema
    .pick({ ruleId: true, metric: true, service: true, threshold: true, value: true, limit: true })
    .extend({ alertId: z.string() }),
});

/** Envelope of every event the realtime gateway emits (socket.io event name = `type`). */
export const realtimeEventSchema = z.discriminatedUnion('type', [
  accountUpdateEventSchema,
  billingAlertEventSchema,
  usageChangedEventSchema,
  caseUpdatedEventSchema,
  notificationCreatedEventSchema,
  usageAlertEventSchema,
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;
export type RealtimeEventType = RealtimeEvent['type'];
export const REALTIME_EVENT_TYPES: readonly RealtimeEventType[] = [
  'account_update',
  'billing_alert',
  'usage_changed',
  'case_updated',
  'notification_created',
  'usage_alert',
];

/** socket.io room of an account. */
export function accountRoom(accountId: string): string {
  return `account:${accountId}`;
}
