import type { UsageRangePreset } from './usage-range';

/** Query keys of usage. The key holds the range preset, not timestamps, so a refetch reads the latest window. */
export const usageKeys = {
  all: (accountId: string) => ['account', accountId, 'usage'] as const,
  catalog: (accountId: string) => ['account', accountId, 'usage', 'catalog'] as const,
  series: (accountId: string, metric: string, range: UsageRangePreset, service: string | null = null) =>
    ['account', accountId, 'usage', 'series', metric, range, service ?? '*'] as const,
  samples: (accountId: string, metric: string, range: UsageRangePreset, service: string | null) =>
    ['account', accountId, 'usage', 'samples', metric, range, service ?? '*'] as const,
  alerts: (accountId: string) => ['account', accountId, 'usage', 'alerts'] as const,
};
