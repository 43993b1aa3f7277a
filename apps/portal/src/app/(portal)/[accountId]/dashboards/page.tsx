import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { parseDashboardRange } from '@/features/dashboards/api/dashboard-range';
import { dashboardListQuery, dashboardQuery } from '@/features/dashboards/api/dashboards.queries';
import { DashboardView } from '@/features/dashboards/components/dashboard-view';
import { Prefetched } from '@/lib/server-prefetch';
import type { SearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('dashboards') };
}

const NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** The account's dashboards: `?dashboard=<name>` (default `default`) and the range (`range=7d` or `from`/`to`). */
export default async function DashboardsPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const name =
    typeof query.dashboard === 'string' && NAME.test(query.dashboard) ? query.dashboard : 'default';
  const range = parseDashboardRange(query);
  return (
    <Prefetched
      prefetch={(qc, client) =>
        Promise.all([
          qc.prefetchQuery(dashboardListQuery(client, accountId)),
          qc.prefetchQuery(dashboardQuery(client, accountId, name)),
        ])
      }
    >
      <DashboardView key={name} accountId={accountId} name={name} initialRange={range} />
    </Prefetched>
  );
}
