import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { accountStatusQuery } from '@/features/dashboard/api/dashboard.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { DashboardView } from '@/features/dashboard/components/dashboard-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('dashboard') };
}

export default async function DashboardPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(accountStatusQuery(client, accountId))}>
      <DashboardView accountId={accountId} />
    </Prefetched>
  );
}
