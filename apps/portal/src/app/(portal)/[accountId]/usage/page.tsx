import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { usageMetricSchema } from '@portico/domain';
import { usageSeriesQuery } from '@/features/usage/api/usage.queries';
import { isUsageRangePreset } from '@/features/usage/api/usage-range';
import { prefetchOnServer } from '@/lib/server-prefetch';
import type { SearchParams } from '@/lib/search-params';
import { UsageView } from './usage-view';

export const metadata: Metadata = { title: 'Usage' };

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const metric = usageMetricSchema.catch('disk').parse(query.metric);
  const range = isUsageRangePreset(query.range) ? query.range : '7d';
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(usageSeriesQuery(client, accountId, metric, range)));
  return (
    <HydrationBoundary state={state}>
      <UsageView accountId={accountId} initialMetric={metric} initialRange={range} />
    </HydrationBoundary>
  );
}
