'use client';

import { useTranslations } from 'next-intl';
import type { UsageSeries } from '@portico/domain';
import { DataTable } from '@/components/ui/data-table';
import { DateTime } from '@/components/ui/date-time';
import { useFormat } from '@/lib/use-format';
import { formatUsage } from '../usage-format';
import { cx } from '@/lib/cx';
import tableStyles from '@/components/ui/data-table.module.css';

type Point = UsageSeries['points'][number];

/** The series as a table, newest first: gauges time, average, min, max; counters time and sum. */
export function UsageTable({ series }: { series: UsageSeries }) {
  const t = useTranslations('usage.table');
  const f = useFormat();
  const rows = [...series.points].reverse();
  const gauge = series.kind === 'gauge';
  const fmt = (v: number | null) =>
    v === null ? '–' : formatUsage(v, series.unit, { digits: 2, locale: f.locale });
  return (
    <div
      className={cx(tableStyles.scroll, tableStyles.scrollTall)}
      tabIndex={0}
      role="region"
      aria-label={t('values')}
    >
      <DataTable
        rows={rows}
        getRowId={(p) => p.at}
        data-testid="usage-table"
        columns={[
          {
            id: 'time',
            header: t('time'),
            cell: (p) => <DateTime at={p.at} />,
          },
          {
            id: 'value',
            header: gauge ? t('average') : t('total'),
            numeric: true,
            cell: (p) => fmt(p.value),
          },
          ...(gauge
            ? [
                { id: 'min', header: t('min'), numeric: true, cell: (p: Point) => fmt(p.min) },
                { id: 'max', header: t('max'), numeric: true, cell: (p: Point) => fmt(p.max) },
              ]
            : []),
        ]}
      />
    </div>
  );
}
