/** Range presets of the usage page. */
export const USAGE_RANGE_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type UsageRangePreset = (typeof USAGE_RANGE_PRESETS)[number];

const HOUR_MS = 3_600_000;

/** Length of each preset in ms. */
const USAGE_RANGE_MS: Readonly<Record<UsageRangePreset, number>> = {
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
  '90d': 90 * 24 * HOUR_MS,
};

/** Human label of each preset. */
export const USAGE_RANGE_LABEL: Readonly<Record<UsageRangePreset, string>> = {
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
  '90d': '90 d',
};

/** True for a known preset (e.g. from the URL). */
export function isUsageRangePreset(value: unknown): value is UsageRangePreset {
  return typeof value === 'string' && (USAGE_RANGE_PRESETS as readonly string[]).includes(value);
}

/** The window `[now - preset, now)` as ISO timestamps. */
export function rangeWindow(preset: UsageRangePreset, nowMs: number = Date.now()): { from: string; to: string } {
  return { from: new Date(nowMs - USAGE_RANGE_MS[preset]).toISOString(), to: new Date(nowMs).toISOString() };
}
