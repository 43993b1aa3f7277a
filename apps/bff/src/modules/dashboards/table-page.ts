import type { TableColumn } from '@portico/domain';
import { AppException } from '../../core/http/app.exception';

/** A table row: cells by column key (text, number or null; dates as ISO strings, money in minor units). */
export type TableRow = Record<string, string | number | null>;

/** One page of a table, sorted and filtered. */
export interface TablePage {
  rows: TableRow[];
  total: number;
  page: number;
  sort: { column: string; direction: 'asc' | 'desc' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two cells: nulls last whatever the direction, numbers numerically, text with a natural collation. */
function compareCells(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Sorts, filters and pages `rows` on the server (the portal's table shows what this returns):
 * - `sort`: `column` or `column:asc|desc` naming one of `columns` (default `defaultSort`); ties keep input order;
 * - `filter`: rows whose any cell contains the text, case-insensitive;
 * - `page`: 1-based; a page past the end is empty (the total tells the portal).
 * @throws AppException 400 (`validation_failed`, path `query.sort`) for a column the table does not have
 */
export function tablePage(
  rows: readonly TableRow[],
  columns: readonly TableColumn[],
  query: { sort?: string; filter?: string; page: number },
  pageSize: number,
  defaultSort: { column: string; direction: 'asc' | 'desc' },
): TablePage {
  let sort = defaultSort;
  if (query.sort !== undefined) {
    const [column = '', direction] = query.sort.split(':');
    if (!columns.some((c) => c.key === column)) {
      throw AppException.validation([
        {
          path: 'query.sort',
          message: `Unknown column ${JSON.stringify(column)} (columns: ${columns.map((c) => c.key).join(', ')})`,
        },
      ]);
    }
    sort = { column, direction: direction === 'desc' ? 'desc' : 'asc' };
  }
  const needle = query.filter?.toLowerCase();
  const kept = needle
    ? rows.filter((r) =>
        columns.some(
          (c) =>
            r[c.key] !== null && r[c.key] !== undefined && String(r[c.key]).toLowerCase().includes(needle),
        ),
      )
    : [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const indexed = kept.map((row, i) => ({ row, i }));
  indexed.sort((x, y) => {
    const a = x.row[sort.column] ?? null;
    const b = y.row[sort.column] ?? null;
    if (a === null || b === null) return a === b ? x.i - y.i : a === null ? 1 : -1;
    return sign * compareCells(a, b) || x.i - y.i;
  });
  const start = (query.page - 1) * pageSize;
  return {
    rows: indexed.slice(start, start + pageSize).map((e) => e.row),
    total: kept.length,
    page: query.page,
    sort,
  };
}
