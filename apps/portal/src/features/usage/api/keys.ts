import type { UsageMetric } from '@portico/domain';
import type { UsageRangePreset } from './usage-range';

/** Query keys of usage. The key holds the range preset, not timestamps, so a refetch reads the latest window. */
export const usageKeys = {
  all: (accountId: string) => ['account', accountId, 'usage'] as const,
  series: (accountId: string, metric: UsageMetric, range: UsageRangePreset) =>
    ['account', accountId, 'usage', metric, range] as const,
};
