'use client';

import { useTranslations } from 'next-intl';
import type { UsageSeries } from '@portico/domain';
import { useFormat } from '@/lib/use-format';
import { formatUsage } from '../usage-format';

/** The series as a table, newest first: gauges time, average, min, max; counters time and sum. */
export function UsageTable({ series }: { series: UsageSeries }) {
  const t = useTranslations('usage.table');
  const f = useFormat();
  const rows = [...series.points].reverse();
  const gauge = series.kind === 'gauge';
  const fmt = (v: number | null) =>
    v === null ? '–' : formatUsage(v, series.unit, { digits: 2, locale: f.locale });
  return (
    <div className="table-scroll table-scroll--tall" tabIndex={0} role="region" aria-label={t('values')}>
      <table className="table" data-testid="usage-table">
        <thead>
          <tr>
            <th scope="col">{t('time')}</th>
            <th scope="col" className="num">
              {gauge ? t('average') : t('total')}
            </th>
            {gauge ? (
              <>
                <th scope="col" className="num">
                  {t('min')}
                </th>
                <th scope="col" className="num">
                  {t('max')}
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.at}>
              <td>
                <time dateTime={p.at} suppressHydrationWarning>
                  {f.dateTime(p.at)}
                </time>
              </td>
              <td className="num">{fmt(p.value)}</td>
              {gauge ? (
                <>
                  <td className="num">{fmt(p.min)}</td>
                  <td className="num">{fmt(p.max)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
