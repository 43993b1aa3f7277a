import type { WebhookDeliveryListQuery } from '@portico/domain';

/** Query keys of the recorded webhook deliveries (platform administration). */
export const webhookDeliveryKeys = {
  all: () => ['admin', 'webhook-deliveries'] as const,
  page: (query: WebhookDeliveryListQuery) => ['admin', 'webhook-deliveries', 'page', query] as const,
};
