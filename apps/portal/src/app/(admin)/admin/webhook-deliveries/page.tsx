import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { webhookDeliveryPageQuery } from '@/features/webhook-deliveries/api/webhook-deliveries.queries';
import { WebhookDeliveriesView } from '@/features/webhook-deliveries/components/webhook-deliveries-view';
import { statusFilterParam, statusQuery } from '@/features/webhook-deliveries/status-filter';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Webhook deliveries · Administration' };

export default async function AdminWebhookDeliveriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const status = statusFilterParam(query.status);
  const page = pageParam(query.page);
  const dehydrated = await prefetchOnServer((qc, client) =>
    qc.prefetchQuery(webhookDeliveryPageQuery(client, { page, pageSize: LIST_PAGE_SIZE, status: statusQuery(status) })),
  );
  return (
    <HydrationBoundary state={dehydrated}>
      <WebhookDeliveriesView initialStatus={status} initialPage={page} />
    </HydrationBoundary>
  );
}
