import type { KpiPanelData } from '@portico/domain';
import { formatUsage } from '@/features/usage/usage-format';
import { formatMoney } from '@/lib/format';
import styles from '../dashboards.module.css';

/** A KPI value in its unit with the panel's decimals. */
export function formatKpi(
  value: number | null,
  data: Pick<KpiPanelData, 'unit' | 'currency' | 'decimals'>,
): string {
  if (value === null) return '–';
  if (data.unit === 'money')
    return data.currency
      ? formatMoney({ amountMinor: Math.round(value), currency: data.currency })
      : String(value);
  if (data.unit === 'percent') return `${value.toFixed(data.decimals)} %`;
  return formatUsage(value, data.unit, { digits: data.decimals });
}

/** A KPI tile: the value coloured by its threshold (with the threshold's label in words), the change against the previous period. */
export function KpiPanel({ data }: { data: KpiPanelData }) {
  const change = data.change;
  const arrow = change === null ? '' : change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return (
    <div className={styles.kpi} data-testid="kpi">
      <p
        className={`${styles.kpiValue} ${data.threshold ? styles[`tone_${data.threshold.color}`] : ''}`}
        data-testid="kpi-value"
      >
        {formatKpi(data.value, data)}
      </p>
      {data.threshold && (
        <p className={`${styles.kpiBadge} ${styles[`tone_${data.threshold.color}`]}`}>
          {data.threshold.label}
        </p>
      )}
      <p className={styles.kpiDetail}>
        {change !== null ? (
          <span title={`Previous period: ${formatKpi(data.previous, data)}`}>
            {arrow} {Math.abs(change * 100).toFixed(1)} % vs previous period
          </span>
        ) : data.previous !== null ? (
          <span>Previous period: {formatKpi(data.previous, data)}</span>
        ) : (
          <span>No previous period to compare</span>
        )}
      </p>
      {data.detail && <p className={styles.kpiDetail}>{data.detail}</p>}
    </div>
  );
}
