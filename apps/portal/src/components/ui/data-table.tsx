'use client';

import { useMemo, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type CellContext,
  type ColumnDef,
  type HeaderContext,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { cx } from '@/lib/cx';
import styles from './data-table.module.css';

declare module '@tanstack/react-table' {
  // The type parameter must match TanStack's own declaration of the interface.
  interface TableMeta<TData extends RowData> {
    /** DataTable: its columns of this render, by id, for the cell and header renderers. */
    dataTableColumns?: ReadonlyMap<string, DataTableColumn<TData>>;
  }
}

/** Attributes of a body row's `<tr>`: the element's own, plus any `data-*` for tests and tooling. */
export type DataTableRowProps = HTMLAttributes<HTMLTableRowElement> & {
  [key: `data-${string}`]: string | undefined;
};

/**
 * One column of a {@link DataTable}.
 *
 * @typeParam T - the row type (one element of `rows`).
 */
export interface DataTableColumn<T> {
  /** Unique among the table's columns; the sort key handed to `sort.onSort` for a sortable column. */
  id: string;
  /**
   * The header text: what the `<th scope="col">` shows and each body cell's `data-label` (the card layout of a
   * `cards` table prints it before the value below 720 px).
   */
  header: string;
  /**
   * The header is for screen readers only (a column of buttons): the `<th>` holds it visually hidden, and the cells'
   * `data-label` is empty so the card layout prints no label.
   */
  hideHeader?: boolean;
  /** The cell's content for one row (`index`: the row's position in `rows`). */
  cell: (row: T, index: number) => ReactNode;
  /** A right-aligned figure (amounts, counts): the `num` class on the header and on every cell. */
  numeric?: boolean;
  /**
   * More classes of the body cells (`break`, `tableStyles.cellTitle`, `tableStyles.hideSm`, …), the same for every row
   * or by row.
   */
  className?: string | ((row: T) => string | undefined);
  /** The cells show the reader's local time, which the server cannot know: React accepts the differing text. */
  suppressHydrationWarning?: boolean;
  /**
   * The row's raw value in this column. With it, and with the table's `sort`, the column is sortable; its type also
   * picks the first direction of a click: text ascending, anything else descending.
   */
  value?: (row: T) => unknown;
}

/**
 * Sorting done elsewhere (the BFF): the table shows `rows` in the order given and reports a click on a sortable
 * header (TanStack's manual sorting).
 */
export interface DataTableSort {
  /** The column `rows` are sorted by (a column `id`). */
  column: string;
  direction: 'asc' | 'desc';
  /** A header was clicked: the order the reader asks for next. */
  onSort: (column: string, direction: 'asc' | 'desc') => void;
  /** Class of the header buttons. */
  buttonClassName?: string;
}

/**
 * Props of {@link DataTable}.
 *
 * @typeParam T - the row type.
 */
export interface DataTableProps<T> {
  /** The rows, in display order (a page of them where the list is paged elsewhere). */
  rows: T[];
  columns: ReadonlyArray<DataTableColumn<T>>;
  /** A row's stable id: its React key (and TanStack's row id). */
  getRowId: (row: T, index: number) => string;
  /** The table's base class: the portal's table styles (`data-table.module.css`) unless a feature has its own. */
  className?: string;
  /** Below 720 px each row becomes a card (`cards` in `data-table.module.css`), each cell labelled by its `data-label`. */
  cards?: boolean;
  'data-testid'?: string;
  /** The table's accessible name, when no `caption` gives one. */
  'aria-label'?: string;
  /** A visible `<caption>`. */
  caption?: ReactNode;
  /** More attributes of a row's `<tr>` (`data-*` ids, `className`, `aria-selected`). */
  rowProps?: (row: T) => DataTableRowProps;
  /**
   * The whole row opens the row's page: the row gets the `row-link` look and a click anywhere on it calls this,
   * except on a link, button or form field inside it (they do their own thing). Keyboard users reach the same page
   * through a link in one of the cells, which the row must have: the row itself is not a tab stop.
   */
  onRowClick?: (row: T) => void;
  /** Shown in one full-width row when `rows` is empty; without it an empty table has an empty body. */
  empty?: ReactNode;
  /** Rows of a `<tfoot>` (totals), after the body. */
  footer?: ReactNode;
  /** `data-testid` of the `<tfoot>`. */
  footerTestId?: string;
  /** Sorting by the server; without it no header sorts. */
  sort?: DataTableSort;
}

const INTERACTIVE = 'a, button, input, select, textarea, label, summary';

/**
 * The header and cell renderers TanStack is given. `flexRender` mounts a function as a component, so they are the
 * same functions every render (a new one would remount the cell and lose its focus and state); they read the
 * render's columns from the table's `meta`.
 */
function DataTableHeader<T>(ctx: HeaderContext<T, unknown>): ReactNode {
  const column = ctx.table.options.meta?.dataTableColumns?.get(ctx.column.id);
  if (!column) return null;
  return column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header;
}

function DataTableCell<T>(ctx: CellContext<T, unknown>): ReactNode {
  const column = ctx.table.options.meta?.dataTableColumns?.get(ctx.column.id);
  return column ? column.cell(ctx.row.original, ctx.row.index) : null;
}

function cellClassName<T>(column: DataTableColumn<T> | undefined, row: T): string | undefined {
  const own = typeof column?.className === 'function' ? column.className(row) : column?.className;
  return [column?.numeric ? 'num' : undefined, own].filter(Boolean).join(' ') || undefined;
}

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/**
 * The portal's table: headers with `scope="col"`, cells labelled for the card layout, one key per row, optional
 * clickable rows, empty row, totals footer and server-side sorting. Built on TanStack Table's core row model; it
 * does not sort, filter or page `rows` itself.
 *
 * @example
 * <DataTable
 *   rows={invoices}
 *   getRowId={(inv) => inv.id}
 *   cards
 *   data-testid="invoice-table"
 *   columns={[
 *     { id: 'number', header: t('invoice'), cell: (inv) => `#${inv.number}` },
 *     { id: 'total', header: t('total'), numeric: true, cell: (inv) => f.money(inv.total) },
 *   ]}
 * />
 */
export function DataTable<T>({
  rows,
  columns,
  getRowId,
  className = styles.table,
  cards = false,
  'data-testid': testId,
  'aria-label': ariaLabel,
  caption,
  rowProps,
  onRowClick,
  empty,
  footer,
  footerTestId,
  sort,
}: DataTableProps<T>) {
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const sortable = sort !== undefined;
  const columnDefs = useMemo<Array<ColumnDef<T, unknown>>>(
    () =>
      columns.map((c) => ({
        id: c.id,
        ...(c.value ? { accessorFn: c.value } : {}),
        header: DataTableHeader<T>,
        cell: DataTableCell<T>,
        enableSorting: sortable && c.value !== undefined,
      })),
    [columns, sortable],
  );
  const sorting: SortingState = sort ? [{ id: sort.column, desc: sort.direction === 'desc' }] : [];
  // The compiler leaves this component unmemoized; the table's functions are used right here, never handed on.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    meta: { dataTableColumns: byId },
    manualSorting: true,
    enableSorting: sortable,
    state: { sorting },
    onSortingChange: (updater) => {
      const first = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (first && sort) sort.onSort(first.id, first.desc ? 'desc' : 'asc');
    },
  });
  const clickRow = (row: T) => (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
    onRowClick?.(row);
  };
  const bodyRows = table.getRowModel().rows;
  return (
    <table className={cx(className, cards && styles.cards)} data-testid={testId} aria-label={ariaLabel}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const column = byId.get(header.column.id);
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const canSort = header.column.getCanSort();
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={column?.numeric ? 'num' : undefined}
                  aria-sort={canSort ? ariaSort(sorted) : undefined}
                >
                  {canSort ? (
                    <button
                      type="button"
                      className={sort?.buttonClassName}
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {label}
                      <span aria-hidden="true">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {bodyRows.map((row) => {
          const own = rowProps?.(row.original) ?? {};
          const rowClass = [onRowClick ? styles.rowLink : undefined, own.className].filter(Boolean).join(' ');
          return (
            <tr
              key={row.id}
              {...own}
              className={rowClass || undefined}
              onClick={onRowClick ? clickRow(row.original) : own.onClick}
            >
              {row.getVisibleCells().map((cell) => {
                const column = byId.get(cell.column.id);
                return (
                  <td
                    key={cell.id}
                    data-label={column?.hideHeader ? '' : column?.header}
                    className={cellClassName(column, row.original)}
                    suppressHydrationWarning={column?.suppressHydrationWarning}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          );
        })}
        {bodyRows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : null}
      </tbody>
      {footer ? <tfoot data-testid={footerTestId}>{footer}</tfoot> : null}
    </table>
  );
}
