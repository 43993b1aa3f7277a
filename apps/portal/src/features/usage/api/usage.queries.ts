import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { MAX_USAGE_SAMPLES_RANGE_MS } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { usageKeys } from './keys';
import { rangeWindow, type UsageRangePreset } from './usage-range';
import { domainSchema } from '@/lib/schemas';

/** The metric catalog and the account's services (what the usage page offers). */
export function usageCatalogQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: usageKeys.catalog(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'usage', 'catalog'),
        domainSchema((d) => d.accountUsageCatalogSchema),
        { signal },
      ),
    staleTime: 5 * 60_000,
  });
}

/** A usage series of one metric (one service, or across services) over the window ending now; the BFF picks the bucket. */
export function usageSeriesQuery(
  client: ApiClient,
  accountId: string,
  metric: string,
  range: UsageRangePreset,
  service: string | null = null,
) {
  return queryOptions({
    queryKey: usageKeys.series(accountId, metric, range, service),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'usage'),
        domainSchema((d) => d.usageSeriesSchema),
        {
          signal,
          query: { metric, ...rangeWindow(range), service: service ?? undefined },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Raw samples of the range (its last 31 days at most), 200 a page, continued with the server's cursor. */
export function usageSamplesQuery(
  client: ApiClient,
  accountId: string,
  metric: string,
  range: UsageRangePreset,
  service: string | null,
) {
  return infiniteQueryOptions({
    queryKey: usageKeys.samples(accountId, metric, range, service),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => {
      const window = rangeWindow(range);
      const from = new Date(
        Math.max(Date.parse(window.from), Date.parse(window.to) - MAX_USAGE_SAMPLES_RANGE_MS),
      ).toISOString();
      return client.request(
        accountApiPath(accountId, 'usage', 'samples'),
        domainSchema((d) => d.usageSamplePageSchema),
        {
          signal,
          query: {
            metric,
            from,
            to: window.to,
            service: service ?? undefined,
            limit: 200,
            cursor: pageParam ?? undefined,
          },
        },
      );
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The account's usage alert rules and latest firings. */
export function usageAlertsQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: usageKeys.alerts(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'usage', 'alerts'),
        domainSchema((d) => d.usageAlertsViewSchema),
        { signal },
      ),
  });
}

/** Where the server streams the series as CSV (through the portal's same-origin proxy). */
export function usageCsvUrl(
  accountId: string,
  metric: string,
  range: UsageRangePreset,
  service: string | null,
): string {
  const params = new URLSearchParams({ metric, ...rangeWindow(range) });
  if (service) params.set('service', service);
  return `${accountApiPath(accountId)}/usage.csv?${params.toString()}`;
}
