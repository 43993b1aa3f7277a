import { usagePeriodOf } from '@portico/domain';

/** Range presets of the usage page: the current billing period (calendar month, UTC) or the last 24 h ... 1 year. */
export const USAGE_RANGE_PRESETS = ['period', '24h', '7d', '30d', '90d', '365d'] as const;
export type UsageRangePreset = (typeof USAGE_RANGE_PRESETS)[number];

const HOUR_MS = 3_600_000;

/** Length of each rolling preset in ms. */
const USAGE_RANGE_MS: Readonly<Record<Exclude<UsageRangePreset, 'period'>, number>> = {
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
  '90d': 90 * 24 * HOUR_MS,
  '365d': 365 * 24 * HOUR_MS,
};

/** True for a known preset (e.g. from the URL). */
export function isUsageRangePreset(value: unknown): value is UsageRangePreset {
  return typeof value === 'string' && (USAGE_RANGE_PRESETS as readonly string[]).includes(value);
}

/**
 * The window of a preset as ISO timestamps: `[now - preset, now)`, or for `period` from the start of the billing
 * period to now (at least one minute, so the first minute of a month is a valid range).
 */
export function rangeWindow(
  preset: UsageRangePreset,
  nowMs: number = Date.now(),
): { from: string; to: string } {
  if (preset === 'period') {
    const { start } = usagePeriodOf(new Date(nowMs));
    return {
      from: start.toISOString(),
      to: new Date(Math.max(nowMs, start.getTime() + 60_000)).toISOString(),
    };
  }
  return { from: new Date(nowMs - USAGE_RANGE_MS[preset]).toISOString(), to: new Date(nowMs).toISOString() };
}
