import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { usageSeriesSchema, type UsageMetric } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { usageKeys } from './keys';
import { rangeWindow, type UsageRangePreset } from './usage-range';

/** A usage series of one metric over the window ending now; the BFF picks the bucket size. */
export function usageSeriesQuery(client: ApiClient, accountId: string, metric: UsageMetric, range: UsageRangePreset) {
  return queryOptions({
    queryKey: usageKeys.series(accountId, metric, range),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'usage'), usageSeriesSchema, {
        signal,
        query: { metric, ...rangeWindow(range) },
      }),
    placeholderData: keepPreviousData,
  });
}
