'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AccountUsageCatalog, MetricDefinition, UsageBucket, UsageSeries } from '@portico/domain';
import { usageCatalogQuery, usageCsvUrl, usageSeriesQuery } from '@/features/usage/api/usage.queries';
import { USAGE_RANGE_LABEL, USAGE_RANGE_PRESETS, isUsageRangePreset, type UsageRangePreset } from '@/features/usage/api/usage-range';
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
import { formatDate } from '@/lib/format';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useSearchParamsState } from '@/lib/use-search-params-state';

const BUCKET_LABEL: Readonly<Record<UsageBucket, string>> = {
  raw: 'Raw samples',
  '1m': '1-minute',
  '10m': '10-minute',
  '1h': '1-hour',
  '1d': '1-day',
};

/** Ranges on which the chart continues into a projection to the end of the billing period. */
const PROJECTED_RANGES: ReadonlySet<UsageRangePreset> = new Set(['period', '30d']);

/** The figures above the chart: what the range adds up to or ends at, the limit and the projection. */
function Summary({ series, metric, range }: { series: UsageSeries; metric: MetricDefinition; range: UsageRangePreset }) {
  const fmt = (v: number) => formatUsage(v, metric.unit);
  const last = series.points[series.points.length - 1];
  const p = series.projection;
  const items: Array<[string, string]> = [];
  if (metric.kind === 'counter') items.push([range === 'period' ? 'This month so far' : `Total, ${USAGE_RANGE_LABEL[range]}`, fmt(series.total ?? 0)]);
  else items.push(['Latest', last ? fmt(last.value) : '–']);
  items.push([metric.kind === 'counter' ? 'Monthly limit' : 'Limit', series.limit === null ? 'None' : fmt(series.limit)]);
  if (p) {
    const by = formatDate(new Date(Date.parse(p.periodEnd) - 1).toISOString());
    items.push([metric.kind === 'counter' ? `Month total by ${by} (projected)` : `Projected by ${by}`, `${fmt(p.value)} (${fmt(p.low)}–${fmt(p.high)})`]);
    items.push(['Limit reached', p.limitCrossingAt ? formatDate(p.limitCrossingAt) : series.limit === null ? '–' : metric.kind === 'counter' ? 'Not this month' : 'Not within a year']);
  }
  return (
    <dl className="usage-summary" data-testid="usage-summary">
      {items.map(([label, value]) => (
        <div key={label} className="usage-summary__item">
          <dt className="usage-summary__label">{label}</dt>
          <dd className="usage-summary__value" style={{ margin: 0 }}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Series({ accountId, catalog, metric, range, service }: { accountId: string; catalog: AccountUsageCatalog; metric: MetricDefinition; range: UsageRangePreset; service: string | null }) {
  const [view, setView] = useState<'chart' | 'table' | 'samples'>('chart');
  const series = useQuery(usageSeriesQuery(browserApiClient, accountId, metric.key, range, service));
  const data = series.data;
  const cumulative = metric.kind === 'counter' && range === 'period';
  const shown = data && !PROJECTED_RANGES.has(range) ? { ...data, projection: null } : data;
  return (
    <section className="card">
      <div className="toolbar">
        <SegmentedControl
          label="View"
          options={[
            { value: 'chart', label: 'Chart' },
            { value: 'table', label: 'Table' },
            { value: 'samples', label: 'Raw samples' },
          ]}
          value={view}
          onChange={setView}
        />
        <div className="toolbar__spacer" />
        <a className="button button--secondary" href={usageCsvUrl(accountId, metric.key, range, service)} download data-testid="usage-csv">
          Export CSV
        </a>
      </div>
      <div className="usage-meta" aria-live="polite">
        {data ? (
          <>
            <span className="strong">{metric.label}</span>
            <span className="muted" data-testid="usage-bucket">
              {BUCKET_LABEL[data.bucket]}
              {data.bucket === 'raw' ? '' : metric.kind === 'gauge' ? ' averages' : ' totals'} · {data.points.length} points
            </span>
            {series.isFetching ? <span className="muted small">Updating…</span> : null}
          </>
        ) : null}
      </div>
      {data ? <Summary series={data} metric={metric} range={range} /> : null}
      {view === 'samples' ? (
        <UsageSamples accountId={accountId} metric={metric.key} unit={metric.unit} range={range} service={service} catalog={catalog} />
      ) : series.isPending ? (
        <div role="status" aria-label="Loading usage" className="chart-skeleton">
          <Skeleton height={260} />
        </div>
      ) : series.isError ? (
        <ErrorState title="We could not load your usage" error={series.error} onRetry={() => void series.refetch()} retrying={series.isFetching} />
      ) : shown && shown.points.length === 0 ? (
        <EmptyState title="No usage recorded in this period">Try a longer range.</EmptyState>
      ) : shown ? (
        view === 'chart' ? (
          <>
            <UsageChart series={shown} label={metric.label} cumulative={cumulative} />
            <p className="chart-legend">
              {metric.kind === 'gauge' ? (
                <>
                  <span className="chart-legend__line" aria-hidden="true" /> Average
                  <span className="chart-legend__band" aria-hidden="true" /> Min–max range
                </>
              ) : cumulative ? (
                <>
                  <span className="chart-legend__line" aria-hidden="true" /> Total this month
                </>
              ) : (
                <>Total per {BUCKET_LABEL[shown.bucket].toLowerCase()} interval</>
              )}
              {shown.projection && (metric.kind === 'gauge' || cumulative) ? (
                <>
                  <span className="chart-legend__dash" aria-hidden="true" /> Projection
                </>
              ) : null}
              {shown.limit !== null && (metric.kind === 'gauge' || cumulative) ? (
                <>
                  <span className="chart-legend__limit" aria-hidden="true" /> Limit
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
  const [params, setParams] = useSearchParamsState({ metric: initialMetric, service: initialService, range: initialRange });
  const catalog = useQuery(usageCatalogQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);

  if (catalog.isPending) {
    return (
      <>
        <PageHeader title="Usage" />
        <SkeletonLines lines={4} label="Loading usage" />
      </>
    );
  }
  if (catalog.isError) {
    return (
      <>
        <PageHeader title="Usage" />
        <ErrorState title="We could not load your usage" error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
      </>
    );
  }
  const metrics = catalog.data.metrics;
  const metric = metrics.find((m) => m.key === params.metric) ?? metrics[0];
  if (!metric) return <EmptyState title="No metrics are configured" />;
  const range = isUsageRangePreset(params.range) ? params.range : 'period';
  const service = metric.perService && catalog.data.services.some((s) => s.id === params.service) ? params.service : '';
  const set = (next: Partial<typeof params>) => setParams({ ...params, metric: metric.key, service, range, ...next });

  return (
    <>
      <PageHeader title="Usage" description={metric.description || undefined} />
      <div className="usage-layout">
        <section className="card">
          <div className="toolbar">
            <div className="field field--inline">
              <label htmlFor="usage-metric">Metric</label>
              <select id="usage-metric" value={metric.key} onChange={(e) => set({ metric: e.target.value, service: '' })}>
                {metrics.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            {metric.perService && catalog.data.services.length > 0 ? (
              <div className="field field--inline">
                <label htmlFor="usage-service">Service</label>
                <select id="usage-service" value={service} onChange={(e) => set({ service: e.target.value })}>
                  <option value="">All services</option>
                  {catalog.data.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <SegmentedControl
              label="Time range"
              options={USAGE_RANGE_PRESETS.map((p) => ({ value: p, label: USAGE_RANGE_LABEL[p] }))}
              value={range}
              onChange={(r) => set({ range: r })}
            />
          </div>
        </section>
        <Series accountId={accountId} catalog={catalog.data} metric={metric} range={range} service={service || null} />
        <UsageAlertsPanel accountId={accountId} catalog={catalog.data} canManage={permissions.can('alerts:manage')} initialMetric={metric.key} />
      </div>
    </>
  );
}
