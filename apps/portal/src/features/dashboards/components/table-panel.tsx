'use client';

import { useMemo } from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import type { TableColumn, TablePanelData } from '@portico/domain';
import { humanize } from '@/lib/format';
import { useFormat, type Formatters } from '@/lib/use-format';
import styles from '../dashboards.module.css';

type Row = TablePanelData['rows'][number];

/** A cell as text, by its column's kind (money columns come with a `currency` column or as minor units). */
function cellText(row: Row, column: TableColumn, f: Formatters): string {
  const v = row[column.key];
  if (v === null || v === undefined) return '–';
  switch (column.kind) {
    case 'money':
      return typeof v === 'number' && typeof row.currency === 'string'
        ? f.money({ amountMinor: v, currency: row.currency })
        : String(v);
    case 'date':
      return typeof v === 'string' ? (v.length > 10 ? f.dateTime(v) : f.date(v)) : String(v);
    case 'status':
      return humanize(String(v));
    case 'number':
      return typeof v === 'number' ? f.number(v) : String(v);
    default:
      return String(v);
  }
}

/**
 * A table panel on TanStack Table in manual mode: the BFF sorts, filters and pages (`sort`, `filter`, `page` of
 * the panel data query); the table shows the page and asks for another order or page through the callbacks.
 */
export function TablePanel({
  data,
  onSort,
  onPage,
  filter,
  onFilter,
}: {
  data: TablePanelData;
  onSort: (sort: string) => void;
  onPage: (page: number) => void;
  filter: string;
  onFilter: (filter: string) => void;
}) {
  const t = useTranslations('dashboards.table');
  const common = useTranslations('common');
  const f = useFormat();
  const columns = useMemo<Array<ColumnDef<Row>>>(
    () =>
      data.columns.map((c) => ({
        id: c.key,
        header: c.label,
        accessorFn: (row: Row) => row[c.key],
        cell: (ctx) => cellText(ctx.row.original, c, f),
      })),
    [data.columns, f],
  );
  const sorting: SortingState = [{ id: data.sort.column, desc: data.sort.direction === 'desc' }];
  const pageCount = Math.max(1, Math.ceil(data.page.total / data.page.pageSize));
  const table = useReactTable({
    data: data.rows,
    columns,
    state: { sorting, pagination: { pageIndex: data.page.page - 1, pageSize: data.page.pageSize } },
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    pageCount,
    getCoreRowModel: getCoreRowModel(),
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort(`${first.id}:${first.desc ? 'desc' : 'asc'}`);
    },
  });
  return (
    <div className={styles.tableWrap}>
      <label className={styles.filter}>
        <span className="visually-hidden">{t('filterRows')}</span>
        <input
          type="search"
          placeholder={t('filter')}
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          className={styles.input}
        />
      </label>
      <div className={styles.tableScroll}>
        <table className={styles.table}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      scope="col"
                    >
                      <button
                        type="button"
                        className={styles.sortButton}
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
            {data.rows.length === 0 && (
              <tr>
                <td colSpan={data.columns.length} className={styles.muted}>
                  {data.filter ? t('noMatch') : t('noRows')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className={styles.pager}>
        <span>{t('pager', { total: data.page.total, page: data.page.page, pages: pageCount })}</span>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={data.page.page <= 1}
          onClick={() => onPage(data.page.page - 1)}
        >
          {common('previous')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={data.page.page >= pageCount}
          onClick={() => onPage(data.page.page + 1)}
        >
          {common('next')}
        </button>
      </div>
    </div>
  );
}
