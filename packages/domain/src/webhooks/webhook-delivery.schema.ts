import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';

/** Upstreams that deliver webhooks. */
export const webhookProviderSchema = z.enum(['whmcs', 'salesforce']);
export type WebhookProviderName = z.infer<typeof webhookProviderSchema>;

/**
 * Lifecycle of a recorded webhook delivery: `received` (recorded, queued), `processed`, `ignored` (unknown account
 * or an event that touches nothing; not retried), `failed` (an attempt failed; retrying with backoff),
 * `dead_lettered` (every attempt failed; kept with its last error until a platform admin replays it).
 */
export const webhookDeliveryStatusSchema = z.enum([
  'received',
  'processed',
  'ignored',
  'failed',
  'dead_lettered',
]);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

/** One recorded delivery as platform admins see it (the payload is not shown). */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  provider: webhookProviderSchema,
  /** The provider's delivery id: `webhook-id` header, or the Outbound Message notification id. */
  deliveryId: z.string(),
  eventType: z.string(),
  accountId: z.string().nullable(),
  status: webhookDeliveryStatusSchema,
  /** Processing attempts made so far. */
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  receivedAt: isoTimestampSchema,
  processedAt: isoTimestampSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `GET /api/v1/admin/webhook-deliveries` query: optional `status` and `provider` filters, newest first, paged. */
export const webhookDeliveryListQuerySchema = pageQuerySchema.extend({
  status: webhookDeliveryStatusSchema.optional(),
  provider: webhookProviderSchema.optional(),
});
export type WebhookDeliveryListQuery = z.infer<typeof webhookDeliveryListQuerySchema>;

/** A page of deliveries. */
export const webhookDeliveryPageSchema = pageOf(webhookDeliverySchema);
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;
