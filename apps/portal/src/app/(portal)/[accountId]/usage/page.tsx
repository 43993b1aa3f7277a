import type { Metadata } from 'next';
import { usageMetricSchema } from '@portico/domain';
import { usageSeriesQuery } from '@/features/usage/api/usage.queries';
import { isUsageRangePreset } from '@/features/usage/api/usage-range';
import { Prefetched } from '@/lib/server-prefetch';
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
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(usageSeriesQuery(client, accountId, metric, range))}>
      <UsageView accountId={accountId} initialMetric={metric} initialRange={range} />
    </Prefetched>
  );
}
