import type { TableColumn } from '@portico/domain';
import { AppException } from '../../core/http/app.exception';
import { tablePage, type TableRow } from './table-page';

const columns: TableColumn[] = [
  { key: 'number', label: 'Number', kind: 'text' },
  { key: 'total', label: 'Total', kind: 'money' },
  { key: 'status', label: 'Status', kind: 'status' },
];
const rows: TableRow[] = [
  { number: 'INV-9', total: 900, status: 'paid' },
  { number: 'INV-10', total: null, status: 'unpaid' },
  { number: 'INV-2', total: 200, status: 'Unpaid' },
  { number: 'INV-1', total: 5000, status: 'paid' },
];
const byNumber = { column: 'number', direction: 'asc' as const };

describe('tablePage', () => {
  it('sorts text naturally and numbers numerically, nulls last both ways', () => {
    expect(tablePage(rows, columns, { page: 1 }, 10, byNumber).rows.map((r) => r.number)).toEqual([
      'INV-1',
      'INV-2',
      'INV-9',
      'INV-10',
    ]);
    expect(
      tablePage(rows, columns, { page: 1, sort: 'total:desc' }, 10, byNumber).rows.map((r) => r.total),
    ).toEqual([5000, 900, 200, null]);
    expect(
      tablePage(rows, columns, { page: 1, sort: 'total' }, 10, byNumber).rows.map((r) => r.total),
    ).toEqual([200, 900, 5000, null]);
  });

  it('filters on any cell, case-insensitive, and counts the filtered total', () => {
    const page = tablePage(rows, columns, { page: 1, filter: 'unpaid' }, 10, byNumber);
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.number)).toEqual(['INV-2', 'INV-10']);
  });

  it('pages after sorting; a page past the end is empty', () => {
    expect(tablePage(rows, columns, { page: 2 }, 3, byNumber).rows.map((r) => r.number)).toEqual(['INV-10']);
    expect(tablePage(rows, columns, { page: 3 }, 3, byNumber)).toMatchObject({ rows: [], total: 4 });
  });

  it('refuses a sort column the table does not have (400, not 500)', () => {
    expect(() => tablePage(rows, columns, { page: 1, sort: 'secret' }, 10, byNumber)).toThrow(AppException);
  });
});
