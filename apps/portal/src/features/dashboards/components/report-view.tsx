'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath, accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { rangeSearch, type DashboardRange } from '../api/dashboard-range';
import { dashboardQuery, panelCsvUrl } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { PanelState, usePanelData } from './panel-body';
import type { Panel } from '@portico/domain';

function ReportPanel({
  accountId,
  dashboard,
  panel,
  window,
  aggregation,
}: {
  accountId: string;
  dashboard: string;
  panel: Panel;
  window: { from: string; to: string };
  aggregation: 'on' | 'off';
}) {
  const state = usePanelData(
    accountId,
    dashboard,
    panel,
    window,
    aggregation === 'off' ? { aggregation } : {},
  );
  const options = {
    ...(aggregation === 'off' ? { aggregation } : {}),
    ...(panel.type === 'table'
      ? { sort: state.options.sort, filter: state.options.filter, page: state.options.page }
      : {}),
  };
  const jsonQuery = new URLSearchParams({
    from: window.from,
    to: window.to,
    ...(aggregation === 'off' ? { aggregation } : {}),
  });
  const exportable = panel.type !== 'template' && panel.type !== 'image';
  return (
    <section className={styles.report} aria-labelledby="report-title" data-testid="report">
      <header className={styles.reportHead}>
        <div>
          <h1 id="report-title" className={styles.reportTitle}>
            {panel.title}
          </h1>
          <p className={styles.muted} data-testid="report-range">
            {formatDateTime(window.from)} – {formatDateTime(window.to)}
            {aggregation === 'off' ? ' · raw points' : ''}
          </p>
        </div>
        <div className={styles.actions}>
          {exportable && (
            <a
              className="button button--secondary button--small"
              href={panelCsvUrl(accountId, dashboard, panel.id, window, options)}
              download
            >
              Export CSV
            </a>
          )}
          <a
            className="button button--secondary button--small"
            href={`${accountApiPath(accountId, 'dashboards', dashboard, 'panels', panel.id, 'data')}?${jsonQuery.toString()}`}
            download={`${dashboard}-${panel.id}.json`}
          >
            Export JSON
          </a>
          <Link
            className="button button--ghost button--small"
            href={`${accountPagePath(accountId, 'dashboards')}?${new URLSearchParams({ ...(dashboard !== 'default' ? { dashboard } : {}), ...rangeSearch({ from: window.from, to: window.to }) }).toString()}`}
          >
            Open dashboard
          </Link>
        </div>
      </header>
      <PanelState state={state} height={420} />
    </section>
  );
}

/**
 * A single-panel report: one panel without the dashboard's chrome, for the range in its address (absolute instants),
 * so the link can be shared and reloads to the same view; CSV and JSON export.
 */
export function ReportView({
  accountId,
  dashboard,
  panelId,
  range,
  aggregation,
}: {
  accountId: string;
  dashboard: string;
  panelId: string;
  range: DashboardRange;
  aggregation: 'on' | 'off';
}) {
  const d = useQuery(dashboardQuery(browserApiClient, accountId, dashboard));
  if (d.isPending) return <SkeletonLines lines={6} />;
  if (d.isError)
    return <ErrorState title="Could not load this report" error={d.error} onRetry={() => void d.refetch()} />;
  const panel = d.data.panels.find((p) => p.id === panelId);
  if (!panel)
    return (
      <ErrorState
        title="No such panel"
        error={new Error(`The dashboard ${d.data.title} has no panel ${panelId}.`)}
      />
    );
  const window = 'from' in range ? { from: range.from, to: range.to } : null;
  if (!window)
    return (
      <ErrorState title="No range" error={new Error('A report address carries its range (from and to).')} />
    );
  return (
    <ReportPanel
      accountId={accountId}
      dashboard={dashboard}
      panel={panel}
      window={window}
      aggregation={aggregation}
    />
  );
}
