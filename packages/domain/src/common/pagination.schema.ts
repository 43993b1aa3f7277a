import { z } from 'zod';

/** Query string paging: `page` is 1-based, `pageSize` 1..100 (default 20). */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Page metadata: `total` is the number of items across all pages. */
export const pageInfoSchema = z.object({
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/** Wraps an item schema into a page `{ items, page }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: pageInfoSchema });
}
