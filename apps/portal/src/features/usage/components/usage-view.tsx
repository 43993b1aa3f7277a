'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AccountUsageCatalog, MetricDefinition, UsageSeries } from '@portico/domain';
import { usageCatalogQuery, usageCsvUrl, usageSeriesQuery } from '@/features/usage/api/usage.queries';
import {
  USAGE_RANGE_PRESETS,
  isUsageRangePreset,
  type UsageRangePreset,
} from '@/features/usage/api/usage-range';
import { UsageAlertsPanel } from '@/features/usage/components/usage-alerts-panel';
import { UsageChart } from '@/features/usage/components/usage-chart';
import { UsageSamples } from '@/features/usage/components/usage-samples';
import { UsageTable } from '@/features/usage/components/usage-table';
import { formatUsage } from '@/features/usage/usage-format';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import styles from './usage-view.module.css';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** Ranges on which the chart continues into a projection to the end of the billing period. */
const PROJECTED_RANGES: ReadonlySet<UsageRangePreset> = new Set(['period', '30d']);

/** The figures above the chart: what the range adds up to or ends at, the limit and the projection. */
function Summary({
  series,
  metric,
  range,
}: {
  series: UsageSeries;
  metric: MetricDefinition;
  range: UsageRangePreset;
}) {
  const t = useTranslations('usage.page');
  const f = useFormat();
  const fmt = (v: number) => formatUsage(v, metric.unit, { locale: f.locale });
  const last = series.points[series.points.length - 1];
  const p = series.projection;
  const items: Array<[string, string]> = [];
  if (metric.kind === 'counter')
    items.push([
      range === 'period' ? t('monthSoFar') : t('totalRange', { range: t(`range.${range}`) }),
      fmt(series.total ?? 0),
    ]);
  else items.push([t('latest'), last ? fmt(last.value) : '–']);
  items.push([
    metric.kind === 'counter' ? t('monthlyLimit') : t('limit'),
    series.limit === null ? t('none') : fmt(series.limit),
  ]);
  if (p) {
    const by = f.date(new Date(Date.parse(p.periodEnd) - 1).toISOString());
    items.push([
      metric.kind === 'counter' ? t('monthProjected', { date: by }) : t('projectedBy', { date: by }),
      `${fmt(p.value)} (${fmt(p.low)}–${fmt(p.high)})`,
    ]);
    items.push([
      t('limitReached'),
      p.limitCrossingAt
        ? f.date(p.limitCrossingAt)
        : series.limit === null
          ? '–'
          : metric.kind === 'counter'
            ? t('notThisMonth')
            : t('notWithinYear'),
    ]);
  }
  return (
    <dl className={styles.summary} data-testid="usage-summary">
      {items.map(([label, value]) => (
        <div key={label} className={styles.summaryItem}>
          <dt className={styles.summaryLabel}>{label}</dt>
          <dd className={styles.summaryValue} style={{ margin: 0 }}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Series({
  accountId,
  catalog,
  metric,
  range,
  service,
}: {
  accountId: string;
  catalog: AccountUsageCatalog;
  metric: MetricDefinition;
  range: UsageRangePreset;
  service: string | null;
}) {
  const [view, setView] = useState<'chart' | 'table' | 'samples'>('chart');
  const t = useTranslations('usage.page');
  const series = useQuery(usageSeriesQuery(browserApiClient, accountId, metric.key, range, service));
  const data = series.data;
  const cumulative = metric.kind === 'counter' && range === 'period';
  const shown = data && !PROJECTED_RANGES.has(range) ? { ...data, projection: null } : data;
  return (
    <section className={cardStyles.card}>
      <div className={layoutStyles.toolbar}>
        <SegmentedControl
          label={t('view')}
          options={[
            { value: 'chart', label: t('chart') },
            { value: 'table', label: t('table') },
            { value: 'samples', label: t('samples') },
          ]}
          value={view}
          onChange={setView}
        />
        <div className={layoutStyles.toolbarSpacer} />
        <a
          className={cx(buttonStyles.button, buttonStyles.secondary)}
          href={usageCsvUrl(accountId, metric.key, range, service)}
          download
          data-testid="usage-csv"
        >
          {t('exportCsv')}
        </a>
      </div>
      <div className={styles.meta} aria-live="polite">
        {data ? (
          <>
            <span className="strong">{metric.label}</span>
            <span className="muted" data-testid="usage-bucket">
              {t('bucketLine', {
                bucket: t(`bucket.${data.bucket}`),
                kind: data.bucket === 'raw' ? 'raw' : metric.kind,
                count: data.points.length,
              })}
            </span>
            {series.isFetching ? <span className="muted small">{t('updating')}</span> : null}
          </>
        ) : null}
      </div>
      {data ? <Summary series={data} metric={metric} range={range} /> : null}
      {view === 'samples' ? (
        <UsageSamples
          accountId={accountId}
          metric={metric.key}
          unit={metric.unit}
          range={range}
          service={service}
          catalog={catalog}
        />
      ) : series.isPending ? (
        <div role="status" aria-label={t('loading')} className={styles.chartSkeleton}>
          <Skeleton height={260} />
        </div>
      ) : series.isError ? (
        <ErrorState
          title={t('loadFailed')}
          error={series.error}
          onRetry={() => void series.refetch()}
          retrying={series.isFetching}
        />
      ) : shown && shown.points.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
      ) : shown ? (
        view === 'chart' ? (
          <>
            <UsageChart series={shown} label={metric.label} cumulative={cumulative} />
            <p className={styles.legend}>
              {metric.kind === 'gauge' ? (
                <>
                  <span className={styles.legendLine} aria-hidden="true" /> {t('legendAverage')}
                  <span className={styles.legendBand} aria-hidden="true" /> {t('legendBand')}
                </>
              ) : cumulative ? (
                <>
                  <span className={styles.legendLine} aria-hidden="true" /> {t('legendMonthTotal')}
                </>
              ) : (
                <>{t('legendPerBucket', { bucket: t(`bucket.${shown.bucket}`) })}</>
              )}
              {shown.projection && (metric.kind === 'gauge' || cumulative) ? (
                <>
                  <span className={styles.legendDash} aria-hidden="true" /> {t('legendProjection')}
                </>
              ) : null}
              {shown.limit !== null && (metric.kind === 'gauge' || cumulative) ? (
                <>
                  <span className={styles.legendLimit} aria-hidden="true" /> {t('legendLimit')}
                </>
              ) : null}
            </p>
          </>
        ) : (
          <UsageTable series={shown} />
        )
      ) : null}
    </section>
  );
}

/** Usage history: metric (from the catalog), service, range; chart, table or raw samples; CSV export; alerts. */
export function UsageView({
  accountId,
  initialMetric,
  initialRange,
  initialService,
}: {
  accountId: string;
  initialMetric: string;
  initialRange: UsageRangePreset;
  initialService: string;
}) {
  const [params, setParams] = useSearchParamsState({
    metric: initialMetric,
    service: initialService,
    range: initialRange,
  });
  const catalog = useQuery(usageCatalogQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);
  const t = useTranslations('usage.page');

  if (catalog.isPending) {
    return (
      <>
        <PageHeader title={t('title')} />
        <SkeletonLines lines={4} label={t('loading')} />
      </>
    );
  }
  if (catalog.isError) {
    return (
      <>
        <PageHeader title={t('title')} />
        <ErrorState
          title={t('loadFailed')}
          error={catalog.error}
          onRetry={() => void catalog.refetch()}
          retrying={catalog.isFetching}
        />
      </>
    );
  }
  const metrics = catalog.data.metrics;
  const metric = metrics.find((m) => m.key === params.metric) ?? metrics[0];
  if (!metric) return <EmptyState title={t('noMetrics')} />;
  const range = isUsageRangePreset(params.range) ? params.range : 'period';
  const service =
    metric.perService && catalog.data.services.some((s) => s.id === params.service) ? params.service : '';
  const set = (next: Partial<typeof params>) =>
    setParams({ ...params, metric: metric.key, service, range, ...next });

  return (
    <>
      <PageHeader title={t('title')} description={metric.description || undefined} />
      <div className={styles.layout}>
        <section className={cardStyles.card}>
          <div className={layoutStyles.toolbar}>
            <div className={cx(fieldStyles.field, fieldStyles.inline, styles.picker)}>
              <label htmlFor="usage-metric">{t('metric')}</label>
              <select
                id="usage-metric"
                value={metric.key}
                onChange={(e) => set({ metric: e.target.value, service: '' })}
              >
                {metrics.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            {metric.perService && catalog.data.services.length > 0 ? (
              <div className={cx(fieldStyles.field, fieldStyles.inline, styles.picker)}>
                <label htmlFor="usage-service">{t('service')}</label>
                <select id="usage-service" value={service} onChange={(e) => set({ service: e.target.value })}>
                  <option value="">{t('allServices')}</option>
                  {catalog.data.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <SegmentedControl
              label={t('timeRange')}
              options={USAGE_RANGE_PRESETS.map((p) => ({ value: p, label: t(`range.${p}`) }))}
              value={range}
              onChange={(r) => set({ range: r })}
            />
          </div>
        </section>
        <Series
          accountId={accountId}
          catalog={catalog.data}
          metric={metric}
          range={range}
          service={service || null}
        />
        <UsageAlertsPanel
          accountId={accountId}
          catalog={catalog.data}
          canManage={permissions.can('alerts:manage')}
          initialMetric={metric.key}
        />
      </div>
    </>
  );
}
