import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { accountStatusQuery } from '@/features/status/api/status.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { DashboardView } from './dashboard-view';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(accountStatusQuery(client, accountId)));
  return (
    <HydrationBoundary state={state}>
      <DashboardView accountId={accountId} />
    </HydrationBoundary>
  );
}
