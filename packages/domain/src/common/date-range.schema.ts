import { z } from 'zod';

/** ISO 8601 UTC timestamp, e.g. `2026-11-21T10:00:00.000Z`. */
export const isoTimestampSchema = z.iso.datetime({ offset: true });
/** ISO 8601 calendar date, e.g. `2026-11-21`. */
export const isoDateSchema = z.iso.date();

/** A half-open time range `[from, to)` given as ISO timestamps; `from` must be before `to`. */
export const dateRangeSchema = z
  .object({ from: isoTimestampSchema, to: isoTimestampSchema })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type DateRange = z.infer<typeof dateRangeSchema>;
