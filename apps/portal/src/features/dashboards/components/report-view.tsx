'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath, accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { rangeSearch, type DashboardRange } from '../api/dashboard-range';
import { dashboardQuery, panelCsvUrl } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { PanelState, usePanelData } from './panel-body';
import type { Panel } from '@portico/domain';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';

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
  const t = useTranslations('dashboards.report');
  const f = useFormat();
  return (
    <section className={styles.report} aria-labelledby="report-title" data-testid="report">
      <header className={styles.reportHead}>
        <div>
          <h1 id="report-title" className={styles.reportTitle}>
            {panel.title}
          </h1>
          <p className={styles.muted} data-testid="report-range">
            {f.dateTime(window.from)} – {f.dateTime(window.to)}
            {aggregation === 'off' ? ` · ${t('rawPoints')}` : ''}
          </p>
        </div>
        <div className={styles.actions}>
          {exportable && (
            <a
              className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
              href={panelCsvUrl(accountId, dashboard, panel.id, window, options)}
              download
            >
              {t('exportCsv')}
            </a>
          )}
          <a
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
            href={`${accountApiPath(accountId, 'dashboards', dashboard, 'panels', panel.id, 'data')}?${jsonQuery.toString()}`}
            download={`${dashboard}-${panel.id}.json`}
          >
            {t('exportJson')}
          </a>
          <Link
            className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.small)}
            href={`${accountPagePath(accountId, 'dashboards')}?${new URLSearchParams({ ...(dashboard !== 'default' ? { dashboard } : {}), ...rangeSearch({ from: window.from, to: window.to }) }).toString()}`}
          >
            {t('openDashboard')}
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
  const t = useTranslations('dashboards.report');
  if (d.isPending) return <SkeletonLines lines={6} />;
  if (d.isError)
    return <ErrorState title={t('loadFailed')} error={d.error} onRetry={() => void d.refetch()} />;
  const panel = d.data.panels.find((p) => p.id === panelId);
  if (!panel)
    return (
      <ErrorState
        title={t('noPanel')}
        error={new Error(t('noPanelBody', { title: d.data.title, panelId }))}
      />
    );
  const window = 'from' in range ? { from: range.from, to: range.to } : null;
  if (!window) return <ErrorState title={t('noRange')} error={new Error(t('noRangeBody'))} />;
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
