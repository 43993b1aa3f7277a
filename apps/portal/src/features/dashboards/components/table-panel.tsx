'use client';

import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { TableColumn, TablePanelData, TableVocabulary } from '@portico/domain';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { humanize } from '@/lib/format';
import { formatUsage } from '@/features/usage/usage-format';
import { useAuditActionLabel } from '@/features/audit/components/use-audit-action-label';
import { useFormat, type Formatters } from '@/lib/use-format';
import styles from '../dashboards.module.css';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';

type Row = TablePanelData['rows'][number];

/** Words a cell's value of a vocabulary (`invoice`, `unpaid`) in the page's language; undefined if unknown. */
type StatusWords = (vocabulary: TableVocabulary, value: string) => string | undefined;

/**
 * A cell as text, by its column's kind (money columns come with a `currency` column or as minor units; number columns
 * of usage values are worded in their `unit`, `1.7 GB`, as the usage page words them).
 */
function cellText(row: Row, column: TableColumn, f: Formatters, statusWords: StatusWords): string {
  const v = row[column.key];
  if (v === null || v === undefined) return '–';
  const worded = column.vocabulary ? statusWords(column.vocabulary, String(v)) : undefined;
  if (worded !== undefined) return worded;
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
      if (typeof v !== 'number') return String(v);
      return column.unit ? formatUsage(v, column.unit, { locale: f.locale }) : f.number(v);
    default:
      return String(v);
  }
}

/**
 * A table panel on {@link DataTable} with server-side sorting: the BFF sorts, filters and pages (`sort`, `filter`,
 * `page` of the panel data query); the table shows the page as given and asks for another order or page through
 * the callbacks. Below 720 px each row is a card of labelled cells, and a select takes the headers' part of
 * choosing the order.
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
  const statusT = useTranslations('status');
  const auditActionLabel = useAuditActionLabel();
  const columns = useMemo<Array<DataTableColumn<Row>>>(() => {
    // The same words as the invoice, service, case and audit pages: `status.<vocabulary>.<value>`, audit actions.
    const statusWords: StatusWords = (vocabulary, value) => {
      if (vocabulary === 'audit_action') return auditActionLabel(value);
      const key = `${vocabulary}.${value}`;
      return statusT.has(key) ? statusT(key) : undefined;
    };
    return data.columns.map((c) => ({
      id: c.key,
      header: c.label,
      value: (row: Row) => row[c.key],
      cell: (row: Row) => cellText(row, c, f, statusWords),
    }));
  }, [data.columns, f, statusT, auditActionLabel]);
  const pageCount = Math.max(1, Math.ceil(data.page.total / data.page.pageSize));
  return (
    <div className={styles.tableWrap}>
      <div className={styles.tableTools}>
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
        {/* On a phone the rows are cards without column headers: the order is chosen here instead. */}
        <label className={styles.phoneSort}>
          <span className="visually-hidden">{t('sortRows')}</span>
          <select
            value={`${data.sort.column}:${data.sort.direction}`}
            onChange={(e) => onSort(e.target.value)}
            className={styles.input}
          >
            {data.columns.flatMap((c) =>
              (['asc', 'desc'] as const).map((direction) => (
                <option key={`${c.key}:${direction}`} value={`${c.key}:${direction}`}>
                  {t(direction === 'asc' ? 'sortAscending' : 'sortDescending', { column: c.label })}
                </option>
              )),
            )}
          </select>
        </label>
      </div>
      <div className={styles.tableScroll}>
        <DataTable
          rows={data.rows}
          columns={columns}
          getRowId={(_, index) => String(index)}
          className={styles.table}
          cards
          sort={{
            column: data.sort.column,
            direction: data.sort.direction,
            onSort: (column, direction) => onSort(`${column}:${direction}`),
            buttonClassName: styles.sortButton,
          }}
          empty={<span className={styles.muted}>{data.filter ? t('noMatch') : t('noRows')}</span>}
        />
      </div>
      <div className={styles.pager}>
        <span>{t('pager', { total: data.page.total, page: data.page.page, pages: pageCount })}</span>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          disabled={data.page.page <= 1}
          onClick={() => onPage(data.page.page - 1)}
        >
          {common('previous')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          disabled={data.page.page >= pageCount}
          onClick={() => onPage(data.page.page + 1)}
        >
          {common('next')}
        </button>
      </div>
    </div>
  );
}
