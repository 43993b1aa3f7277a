'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { webhookDeliveryKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/**
 * Queues a dead-lettered (or ignored) delivery again (`POST /api/v1/admin/webhook-deliveries/:id/replay`, 202 with the
 * delivery now `received`; 409 when it is in another state). Every delivery list is refetched afterwards.
 */
export function useReplayWebhookDeliveryMutation() {
  const queryClient = useQueryClient();
  return useMutation<WebhookDelivery, ApiError, string>({
    mutationFn: (id) =>
      browserApiClient.request(
        `/api/v1/admin/webhook-deliveries/${encodeURIComponent(id)}/replay`,
        domainSchema((d) => d.webhookDeliverySchema),
        { method: 'POST' },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookDeliveryKeys.all() }),
  });
}
