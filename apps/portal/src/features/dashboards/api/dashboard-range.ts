import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

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

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (`YYYY-MM-DD`) as date-fns reads it, or null when it is not one. */
function calendarDate(value: string): Date | null {
  if (!DATE_ONLY.test(value)) return null;
  const d = parseISO(value);
  return isValid(d) ? d : null;
}

/** Days a custom range spans, both ends included (null when either date is invalid). */
export function customRangeDays(fromDate: string, toDate: string): number | null {
  const f = calendarDate(fromDate);
  const t = calendarDate(toDate);
  return f && t ? differenceInCalendarDays(t, f) + 1 : null;
}

/**
 * A custom range from two calendar dates (`YYYY-MM-DD`, both included, read as UTC days), or null when they are
 * not a valid span (start after end, more than 400 days).
 */
export function customRange(fromDate: string, toDate: string): DashboardRange | null {
  const days = customRangeDays(fromDate, toDate);
  if (days === null || days < 1 || days > 400) return null;
  const from = `${fromDate}T00:00:00.000Z`;
  // The day after the last one, at 00:00 UTC (the range's end is exclusive).
  const to = `${format(addDays(parseISO(toDate), 1), 'yyyy-MM-dd')}T00:00:00.000Z`;
  return { from, to };
}

/** The calendar dates (`YYYY-MM-DD`, UTC) a custom range covers, for the picker's inputs. */
export function customRangeDates(range: { from: string; to: string }): { from: string; to: string } {
  return { from: range.from.slice(0, 10), to: new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10) };
}

/** A range as people read it: `1 Dec 2026 – 7 Dec 2026 (7 days)` for dates `YYYY-MM-DD`. */
export function describeCustomRange(fromDate: string, toDate: string): string | null {
  const f = calendarDate(fromDate);
  const t = calendarDate(toDate);
  const days = customRangeDays(fromDate, toDate);
  if (!f || !t || days === null || days < 1) return null;
  return `${format(f, 'd MMM yyyy')} – ${format(t, 'd MMM yyyy')} (${days} ${days === 1 ? 'day' : 'days'})`;
}
