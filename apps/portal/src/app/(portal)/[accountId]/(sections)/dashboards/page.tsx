import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { parseDashboardRange, rangeWindow } from '@/features/dashboards/api/dashboard-range';
import {
  dashboardListQuery,
  dashboardQuery,
  panelDataOptions,
  panelDataQuery,
} from '@/features/dashboards/api/dashboards.queries';
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
      prefetch={async (qc, client) => {
        const [, dashboard] = await Promise.all([
          qc.prefetchQuery(dashboardListQuery(client, accountId)),
          qc.fetchQuery(dashboardQuery(client, accountId, name)).catch(() => null),
        ]);
        if (!dashboard) return;
        // Every panel's first read, in parallel from the server: the page arrives with its panels filled instead of
        // the browser asking for each (six at a time on one HTTP/1.1 origin). A read that fails (e.g. a panel the
        // member's role may not read) is left to the card, which shows its error.
        const window = rangeWindow(range);
        await Promise.all(
          dashboard.panels.map((panel) =>
            qc.prefetchQuery(
              panelDataQuery(
                client,
                accountId,
                name,
                panel.id,
                window,
                panelDataOptions(panel),
                panel.refreshSeconds,
              ),
            ),
          ),
        );
      }}
    >
      <DashboardView key={name} accountId={accountId} name={name} initialRange={range} />
    </Prefetched>
  );
}
