import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { subscriptionsQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { ServicesView } from '@/features/services/components/services-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('services') };
}

export default async function ServicesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(subscriptionsQuery(client, accountId))}>
      <ServicesView accountId={accountId} />
    </Prefetched>
  );
}
