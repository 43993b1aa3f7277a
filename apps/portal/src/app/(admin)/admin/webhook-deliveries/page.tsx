import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { webhookDeliveryPageQuery } from '@/features/webhook-deliveries/api/webhook-deliveries.queries';
import { WebhookDeliveriesView } from '@/features/webhook-deliveries/components/webhook-deliveries-view';
import { statusFilterParam, statusQuery } from '@/features/webhook-deliveries/status-filter';
import { Prefetched } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('adminWebhooks') };
}

export default async function AdminWebhookDeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const query = await searchParams;
  const status = statusFilterParam(query.status);
  const page = pageParam(query.page);
  return (
    <Prefetched
      prefetch={(qc, client) =>
        qc.prefetchQuery(
          webhookDeliveryPageQuery(client, { page, pageSize: LIST_PAGE_SIZE, status: statusQuery(status) }),
        )
      }
    >
      <WebhookDeliveriesView initialStatus={status} initialPage={page} />
    </Prefetched>
  );
}
