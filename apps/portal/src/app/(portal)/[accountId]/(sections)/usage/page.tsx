import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { usageCatalogQuery, usageSeriesQuery } from '@/features/usage/api/usage.queries';
import { isUsageRangePreset } from '@/features/usage/api/usage-range';
import { Prefetched } from '@/lib/server-prefetch';
import type { SearchParams } from '@/lib/search-params';
import { UsageView } from '@/features/usage/components/usage-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('usage') };
}

const METRIC_KEY = /^[a-z][a-z0-9_]{0,63}$/;

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  // The catalog decides which metrics exist; an unknown key falls back to the catalog's first metric in the view.
  const metric = typeof query.metric === 'string' && METRIC_KEY.test(query.metric) ? query.metric : '';
  const service = typeof query.service === 'string' && query.service.length <= 64 ? query.service : '';
  const range = isUsageRangePreset(query.range) ? query.range : 'period';
  return (
    <Prefetched
      prefetch={async (qc, client) => {
        const catalog = await qc.fetchQuery(usageCatalogQuery(client, accountId)).catch(() => null);
        const key = catalog?.metrics.some((m) => m.key === metric) ? metric : catalog?.metrics[0]?.key;
        if (key) await qc.prefetchQuery(usageSeriesQuery(client, accountId, key, range, service || null));
      }}
    >
      <UsageView accountId={accountId} initialMetric={metric} initialRange={range} initialService={service} />
    </Prefetched>
  );
}
