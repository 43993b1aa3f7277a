/** A page's search parameters as Next.js passes them to `page.tsx`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Rows per page of the paged lists (invoices, cases). The server prefetch and the browser query must use the same
 * value: it is part of the query key the prefetched data is hydrated under.
 */
export const LIST_PAGE_SIZE = 10;

/** The 1-based `page` search parameter; anything missing, repeated or not a positive integer gives 1. */
export function pageParam(value: string | string[] | undefined): number {
  return Math.max(1, Number.parseInt(typeof value === 'string' ? value : '1', 10) || 1);
}
