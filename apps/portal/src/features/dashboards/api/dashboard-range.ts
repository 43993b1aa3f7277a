/** The dashboards' global date range: a rolling preset or a custom span of calendar days (UTC). */
export const DASHBOARD_RANGE_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type DashboardRangePreset = (typeof DASHBOARD_RANGE_PRESETS)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PRESET_MS: Readonly<Record<DashboardRangePreset, number>> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '90d': 90 * DAY_MS,
};
export const DASHBOARD_RANGE_LABEL: Readonly<Record<DashboardRangePreset, string>> = {
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
  '90d': '90 d',
};

/** The range as the URL holds it: `range=<preset>`, or `from`/`to` as ISO instants (custom, or a shared report). */
export type DashboardRange = { preset: DashboardRangePreset } | { from: string; to: string };

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

/** Reads the range from search parameters; anything invalid falls back to 7 days. */
export function parseDashboardRange(params: {
  range?: unknown;
  from?: unknown;
  to?: unknown;
}): DashboardRange {
  const { range, from, to } = params;
  if (typeof from === 'string' && typeof to === 'string' && ISO.test(from) && ISO.test(to)) {
    const f = Date.parse(from);
    const t = Date.parse(to);
    if (Number.isFinite(f) && Number.isFinite(t) && f < t && t - f <= 400 * DAY_MS)
      return { from: new Date(f).toISOString(), to: new Date(t).toISOString() };
  }
  if (typeof range === 'string' && (DASHBOARD_RANGE_PRESETS as readonly string[]).includes(range))
    return { preset: range as DashboardRangePreset };
  return { preset: '7d' };
}

/**
 * The window of a range as ISO instants. A preset ends at the next full minute after `nowMs`, so every panel of
 * one view (and the server's per-account cache) shares the same window within that minute.
 */
export function rangeWindow(range: DashboardRange, nowMs: number = Date.now()): { from: string; to: string } {
  if ('from' in range) return { from: range.from, to: range.to };
  const to = Math.ceil(nowMs / 60_000) * 60_000;
  return { from: new Date(to - PRESET_MS[range.preset]).toISOString(), to: new Date(to).toISOString() };
}

/** Search parameters of a range (for links and `router.replace`). */
export function rangeSearch(range: DashboardRange): Record<string, string> {
  return 'from' in range ? { from: range.from, to: range.to } : { range: range.preset };
}

/** A custom range from two calendar dates (`YYYY-MM-DD`, inclusive), or null when they are not a valid span. */
export function customRange(fromDate: string, toDate: string): DashboardRange | null {
  const f = Date.parse(`${fromDate}T00:00:00Z`);
  const t = Date.parse(`${toDate}T00:00:00Z`) + DAY_MS;
  if (!Number.isFinite(f) || !Number.isFinite(t) || f >= t || t - f > 400 * DAY_MS) return null;
  return { from: new Date(f).toISOString(), to: new Date(t).toISOString() };
}
