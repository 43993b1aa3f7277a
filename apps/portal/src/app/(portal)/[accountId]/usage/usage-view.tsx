'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { usageMetricSchema, type UsageBucket, type UsageMetric } from '@portico/domain';
import { usageSeriesQuery } from '@/features/usage/api/usage.queries';
import { USAGE_RANGE_LABEL, USAGE_RANGE_PRESETS, type UsageRangePreset } from '@/features/usage/api/usage-range';
import { UsageChart } from '@/features/usage/components/usage-chart';
import { USAGE_METRIC_LABEL } from '@/features/usage/components/usage-meter';
import { UsageTable } from '@/features/usage/components/usage-table';
import { downloadCsv, usageSeriesToCsv } from '@/features/usage/components/usage-csv';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Skeleton } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { useSearchParamsState } from '@/lib/use-search-params-state';

const METRIC_HINT: Readonly<Record<UsageMetric, string>> = {
  disk: 'Space in use on your plans.',
  bandwidth: 'Data transferred per minute.',
};
const BUCKET_LABEL: Readonly<Record<UsageBucket, string>> = {
  raw: 'Raw samples',
  '1m': '1-minute averages',
  '10m': '10-minute averages',
  '1h': '1-hour averages',
};

/** Usage history: metric, range, chart or table, CSV export. Choices are kept in the URL. */
export function UsageView({
  accountId,
  initialMetric,
  initialRange,
}: {
  accountId: string;
  initialMetric: UsageMetric;
  initialRange: UsageRangePreset;
}) {
  const [{ metric, range }, setParams] = useSearchParamsState({ metric: initialMetric, range: initialRange });
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const series = useQuery(usageSeriesQuery(browserApiClient, accountId, metric, range));

  const data = series.data;
  return (
    <>
      <PageHeader title="Usage" description={METRIC_HINT[metric]} />
      <section className="card">
        <div className="toolbar">
          <div className="field field--inline">
            <label htmlFor="usage-metric">Metric</label>
            <select
              id="usage-metric"
              value={metric}
              onChange={(e) => setParams({ metric: e.target.value === 'bandwidth' ? 'bandwidth' : 'disk', range })}
            >
              {usageMetricSchema.options.map((m) => (
                <option key={m} value={m}>
                  {USAGE_METRIC_LABEL[m]}
                </option>
              ))}
            </select>
          </div>
          <SegmentedControl
            label="Time range"
            options={USAGE_RANGE_PRESETS.map((p) => ({ value: p, label: USAGE_RANGE_LABEL[p] }))}
            value={range}
            onChange={(r) => setParams({ metric, range: r })}
          />
          <div className="toolbar__spacer" />
          <SegmentedControl
            label="View"
            options={[
              { value: 'chart', label: 'Chart' },
              { value: 'table', label: 'Table' },
            ]}
            value={view}
            onChange={setView}
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={!data || data.points.length === 0}
            onClick={() => {
              if (data) downloadCsv(`usage-${accountId}-${metric}-${range}.csv`, usageSeriesToCsv(data));
            }}
          >
            Export CSV
          </button>
        </div>

        <div className="usage-meta" aria-live="polite">
          {data ? (
            <>
              <span className="strong">{USAGE_METRIC_LABEL[data.metric]}</span>
              <span className="muted" data-testid="usage-bucket">
                {BUCKET_LABEL[data.bucket]} · {data.points.length} points
              </span>
              {series.isFetching ? <span className="muted small">Updating…</span> : null}
            </>
          ) : null}
        </div>

        {series.isPending ? (
          <div role="status" aria-label="Loading usage" className="chart-skeleton">
            <Skeleton height={260} />
          </div>
        ) : series.isError ? (
          <ErrorState title="We could not load your usage" error={series.error} onRetry={() => void series.refetch()} retrying={series.isFetching} />
        ) : data && data.points.length === 0 ? (
          <EmptyState title="No usage recorded in this period">Try a longer range.</EmptyState>
        ) : data ? (
          view === 'chart' ? (
            <>
              <UsageChart series={data} label={USAGE_METRIC_LABEL[data.metric]} />
              <p className="chart-legend">
                <span className="chart-legend__line" aria-hidden="true" /> Average
                <span className="chart-legend__band" aria-hidden="true" /> Min–max range
              </p>
            </>
          ) : (
            <UsageTable series={data} />
          )
        ) : null}
      </section>
    </>
  );
}
