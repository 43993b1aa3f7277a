import type { Metadata } from 'next';
import { subscriptionsQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { ServicesView } from './services-view';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(subscriptionsQuery(client, accountId))}>
      <ServicesView accountId={accountId} />
    </Prefetched>
  );
}
