import { webhookDeliveryStatusSchema, type WebhookDeliveryStatus } from '@portico/domain';

/** The status filter's choices: a delivery status, or `all`. */
export type DeliveryStatusFilter = WebhookDeliveryStatus | 'all';

/** Default of the status filter: the deliveries that need a person. */
export const DEFAULT_STATUS_FILTER: DeliveryStatusFilter = 'dead_lettered';

/** The `status` search parameter as a filter; anything missing or unknown gives the default. */
export function statusFilterParam(value: string | string[] | undefined): DeliveryStatusFilter {
  if (value === 'all') return 'all';
  const parsed = webhookDeliveryStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_STATUS_FILTER;
}

/** The API's `status` query value of a filter (none for `all`). */
export function statusQuery(filter: DeliveryStatusFilter): WebhookDeliveryStatus | undefined {
  return filter === 'all' ? undefined : filter;
}
