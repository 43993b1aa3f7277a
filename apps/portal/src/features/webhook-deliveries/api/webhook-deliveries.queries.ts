import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { WebhookDeliveryListQuery } from '@portico/domain';
import type { ApiClient } from '@/lib/api-client';
import { webhookDeliveryKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One page of recorded webhook deliveries, newest first (`GET /api/v1/admin/webhook-deliveries`; platform admins). */
export function webhookDeliveryPageQuery(client: ApiClient, query: WebhookDeliveryListQuery) {
  return queryOptions({
    queryKey: webhookDeliveryKeys.page(query),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/admin/webhook-deliveries',
        domainSchema((d) => d.webhookDeliveryPageSchema),
        {
          signal,
          query: {
            page: query.page,
            pageSize: query.pageSize,
            status: query.status,
            provider: query.provider,
          },
        },
      ),
    placeholderData: keepPreviousData,
  });
}
