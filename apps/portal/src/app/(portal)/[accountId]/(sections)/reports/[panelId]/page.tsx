import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { parseDashboardRange } from '@/features/dashboards/api/dashboard-range';
import { dashboardQuery } from '@/features/dashboards/api/dashboards.queries';
import { ReportView } from '@/features/dashboards/components/report-view';
import { Prefetched } from '@/lib/server-prefetch';
import type { SearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('report') };
}

const NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** One panel as a shareable report: `?dashboard=<name>&from=<ISO>&to=<ISO>[&aggregation=off]`. */
export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; panelId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { accountId: rawAccount, panelId: rawPanel } = await params;
  const accountId = decodeURIComponent(rawAccount);
  const panelId = decodeURIComponent(rawPanel);
  const query = await searchParams;
  const dashboard =
    typeof query.dashboard === 'string' && NAME.test(query.dashboard) ? query.dashboard : 'default';
  const range = parseDashboardRange(query);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(dashboardQuery(client, accountId, dashboard))}>
      <ReportView
        accountId={accountId}
        dashboard={dashboard}
        panelId={panelId}
        range={range}
        aggregation={query.aggregation === 'off' ? 'off' : 'on'}
      />
    </Prefetched>
  );
}
