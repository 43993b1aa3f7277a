'use client';

import { useTranslations } from 'next-intl';
import type { KpiPanelData } from '@portico/domain';
import { formatUsage } from '@/features/usage/usage-format';
import { formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { useFormat } from '@/lib/use-format';
import styles from '../dashboards.module.css';

/** A KPI value in its unit with the panel's decimals, for the `Intl` locale `locale` (default `en-US`). */
export function formatKpi(
  value: number | null,
  data: Pick<KpiPanelData, 'unit' | 'currency' | 'decimals'>,
  locale?: string,
): string {
  if (value === null) return '–';
  if (data.unit === 'money')
    return data.currency
      ? formatMoney({ amountMinor: Math.round(value), currency: data.currency }, locale)
      : formatNumber(value, locale);
  if (data.unit === 'percent') return formatPercent(value / 100, locale, data.decimals);
  return formatUsage(value, data.unit, { digits: data.decimals, locale });
}

/** A KPI tile: the value coloured by its threshold (with the threshold's label in words), the change against the previous period. */
export function KpiPanel({ data }: { data: KpiPanelData }) {
  const change = data.change;
  const t = useTranslations('dashboards.kpi');
  const f = useFormat();
  const arrow = change === null ? '' : change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return (
    <div className={styles.kpi} data-testid="kpi">
      <p
        className={`${styles.kpiValue} ${data.threshold ? styles[`tone_${data.threshold.color}`] : ''}`}
        data-testid="kpi-value"
      >
        {formatKpi(data.value, data, f.locale)}
      </p>
      {data.threshold && (
        <p className={`${styles.kpiBadge} ${styles[`tone_${data.threshold.color}`]}`}>
          {data.threshold.label}
        </p>
      )}
      <p className={styles.kpiDetail}>
        {change !== null ? (
          <span title={t('previous', { value: formatKpi(data.previous, data, f.locale) })}>
            {arrow} {t('change', { percent: f.percent(Math.abs(change), 1) })}
          </span>
        ) : data.previous !== null ? (
          <span>{t('previous', { value: formatKpi(data.previous, data, f.locale) })}</span>
        ) : (
          <span>{t('noPrevious')}</span>
        )}
      </p>
      {data.detail && <p className={styles.kpiDetail}>{data.detail}</p>}
    </div>
  );
}
