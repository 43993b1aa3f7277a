import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Panel } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { domainSchema } from '@/lib/schemas';

/** What a panel's data read asks for besides the range. */
export interface PanelDataOptions {
  aggregation?: 'on' | 'off';
  series?: string;
  sort?: string;
  filter?: string;
  page?: number;
}

/**
 * The options of a panel's data read as its card first asks for them: a table's order, filter and page (first page,
 * no order, no filter unless given) over `extra`; other panel types only `extra`. The server's prefetch and the card
 * build them here alike, so the prefetched read is the card's own query.
 */
export function panelDataOptions(
  panel: Pick<Panel, 'type'>,
  table: { sort: string; filter: string; page: number } = { sort: '', filter: '', page: 1 },
  extra: PanelDataOptions = {},
): PanelDataOptions {
  return { ...extra, ...(panel.type === 'table' ? table : {}) };
}

/** Query keys of the dashboards (account first, so an account's caches can be dropped together). */
export const dashboardKeys = {
  all: (accountId: string) => ['accounts', accountId, 'dashboards'] as const,
  list: (accountId: string) => [...dashboardKeys.all(accountId), 'list'] as const,
  one: (accountId: string, name: string) => [...dashboardKeys.all(accountId), 'one', name] as const,
  panel: (
    accountId: string,
    name: string,
    panelId: string,
    window: { from: string; to: string },
    options: PanelDataOptions,
  ) => [...dashboardKeys.all(accountId), 'panel', name, panelId, window.from, window.to, options] as const,
};

const query = (window: { from: string; to: string }, o: PanelDataOptions) => ({
  from: window.from,
  to: window.to,
  aggregation: o.aggregation ?? undefined,
  series: o.series || undefined,
  sort: o.sort || undefined,
  filter: o.filter || undefined,
  page: o.page && o.page > 1 ? o.page : undefined,
});

export function dashboardListQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: dashboardKeys.list(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'dashboards'),
        domainSchema((d) => d.dashboardListSchema),
        { signal },
      ),
    staleTime: 60_000,
  });
}

export function dashboardQuery(client: ApiClient, accountId: string, name: string) {
  return queryOptions({
    queryKey: dashboardKeys.one(accountId, name),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'dashboards', name),
        domainSchema((d) => d.dashboardSchema),
        { signal },
      ),
    staleTime: 60_000,
  });
}

/** One panel's data; refetched every `refreshSeconds` (0: only on demand). */
export function panelDataQuery(
  client: ApiClient,
  accountId: string,
  name: string,
  panelId: string,
  window: { from: string; to: string },
  options: PanelDataOptions = {},
  refreshSeconds = 0,
) {
  return queryOptions({
    queryKey: dashboardKeys.panel(accountId, name, panelId, window, options),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'dashboards', name, 'panels', panelId, 'data'),
        domainSchema((d) => d.panelDataSchema),
        { signal, query: query(window, options) },
      ),
    refetchInterval: refreshSeconds > 0 ? refreshSeconds * 1000 : false,
    placeholderData: keepPreviousData,
  });
}

/** Address of a panel's CSV export (served by the BFF through the portal's proxy). */
export function panelCsvUrl(
  accountId: string,
  name: string,
  panelId: string,
  window: { from: string; to: string },
  options: PanelDataOptions = {},
): string {
  const params = new URLSearchParams(
    Object.entries(query(window, options))
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return `${accountApiPath(accountId, 'dashboards', name, 'panels', panelId, 'data.csv')}?${params.toString()}`;
}
