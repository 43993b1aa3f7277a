import { z } from 'zod';
import { isoTimestampSchema } from './date-range.schema';

/** Where a block of an aggregated document came from. */
export const blockSourceSchema = z.enum(['whmcs', 'salesforce', 'portico']);
export type BlockSource = z.infer<typeof blockSourceSchema>;

/**
 * Freshness of one block of an aggregated document.
 * - `fetchedAt`: when the data was read from its source (null when never read).
 * - `stale`: served from cache past its fresh TTL (stale-while-revalidate: a refresh runs in the background, or
 *   the source failed and the last good copy is shown).
 * - `unavailable`: the source failed and no data is shown; `reason` says why (safe for users), or is
 *   {@link NOT_LINKED_REASON} when the account has no link to that source.
 * - `reason`: for an unavailable block, why there is no data; for a stale block, why it could not be refreshed
 *   (e.g. `Billing system is unavailable`), absent while a refresh is merely under way.
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

/**
 * Freshness of a read page (invoices, invoice detail, subscriptions, domains, payment methods, cases, case detail,
 * comments), served through the same stale-while-revalidate cache as the dashboard blocks:
 * - `source`: the upstream the data came from;
 * - `fetchedAt`: when it was read from there (ISO 8601);
 * - `stale`: served past its fresh time (a refresh runs in the background, or the upstream failed);
 * - `reason`: why a stale copy could not be refreshed (safe for users), absent while a refresh merely runs.
 * A read with nothing cached and a failing upstream answers an error instead (never a page without data).
 */
export const readMetaSchema = z.object({
  source: blockSourceSchema,
  fetchedAt: isoTimestampSchema,
  stale: z.boolean(),
  reason: z.string().optional(),
});
export type ReadMeta = z.infer<typeof readMetaSchema>;
