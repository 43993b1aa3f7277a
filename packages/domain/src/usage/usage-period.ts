// No zod here: the portal's first page load works out usage periods without the schema library.

const HOUR_MS = 3_600_000;

/** Longest range of a drill-down into raw samples: 31 days. */
export const MAX_USAGE_SAMPLES_RANGE_MS = 31 * 24 * HOUR_MS;

/** The calendar month (UTC) holding `at`: `[start, end)`. */
export function usagePeriodOf(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end };
}
