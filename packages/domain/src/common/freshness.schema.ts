import { z } from 'zod';
import { isoTimestampSchema } from './date-range.schema';

/** Where a block of an aggregated document came from. */
export const blockSourceSchema = z.enum(['whmcs', 'salesforce', 'portico']);
export type BlockSource = z.infer<typeof blockSourceSchema>;

/**
 * Freshness of one block of an aggregated document.
 * - `fetchedAt`: when the data was read from its source (null when never read).
 * - `stale`: served from cache past its fresh TTL.
 * - `unavailable`: the source failed and no data is shown; `reason` says why (safe for users).
 */
export const blockMetaSchema = z.object({
  source: blockSourceSchema,
  fetchedAt: isoTimestampSchema.nullable(),
  stale: z.boolean(),
  unavailable: z.boolean(),
  reason: z.string().optional(),
});
export type BlockMeta = z.infer<typeof blockMetaSchema>;

/** A block: its `meta` and its `data` (null when unavailable). */
export function blockOf<T extends z.ZodType>(data: T) {
  return z.object({ meta: blockMetaSchema, data: data.nullable() });
}
