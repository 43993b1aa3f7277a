'use client';

import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { Panel, TimeseriesPanelData } from '@portico/domain';
import { DataTable } from '@/components/ui/data-table';
import { useNow } from '@/components/ui/use-now';
import { accountPagePath } from '@/lib/account-paths';
import { useFormat } from '@/lib/use-format';
import { panelCsvUrl } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { PanelState, usePanelData } from './panel-body';
import { useSeriesName } from './timeseries-panel';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';

/** Height of one grid row and the gap between rows, px (the CSS grid uses the same). */
export const ROW_PX = 80;
export const GAP_PX = 12;
const HEADER_PX = 64;

/** Address of a panel's single-panel report for a window (absolute instants, so the link reloads to the same view). */
export function reportPath(
  accountId: string,
  dashboard: string,
  panelId: string,
  window: { from: string; to: string },
  aggregation?: 'off',
): string {
  const q = new URLSearchParams({
    dashboard,
    from: window.from,
    to: window.to,
    ...(aggregation ? { aggregation } : {}),
  });
  return `${accountPagePath(accountId, 'reports', panelId)}?${q.toString()}`;
}

/** "updated N ago", ticking. */
function Updated({ at }: { at: number }) {
  const now = useNow(15_000);
  const t = useTranslations('dashboards.panel');
  const f = useFormat();
  if (!at || now === null) return null;
  const iso = new Date(at).toISOString();
  return (
    <time className={styles.updated} dateTime={iso} title={f.dateTime(iso)}>
      {t('updated', { when: f.relative(iso, now) })}
    </time>
  );
}

/** The points of a timeseries as a table (the drill-down's data view). */
function PointsTable({ data }: { data: TimeseriesPanelData }) {
  const t = useTranslations('dashboards.points');
  const f = useFormat();
  const nameOf = useSeriesName();
  const rows = data.series.flatMap((s) =>
    s.points.map((p) => ({ name: nameOf(s), ...p, service: p.service ?? s.service })),
  );
  const optional = (v: number | null | undefined) => (v === undefined || v === null ? '–' : f.number(v));
  return (
    <div className={styles.tableScroll} style={{ maxHeight: '40vh' }}>
      <DataTable
        rows={rows.slice(0, 1000)}
        getRowId={(_, index) => String(index)}
        className={styles.table}
        data-testid="drilldown-table"
        columns={[
          { id: 'series', header: t('series'), cell: (r) => r.name },
          { id: 'service', header: t('service'), cell: (r) => r.service ?? '–' },
          { id: 'time', header: t('time'), cell: (r) => f.dateTime(r.at) },
          { id: 'value', header: t('value'), cell: (r) => f.number(r.value) },
          { id: 'min', header: t('min'), cell: (r) => optional(r.min) },
          { id: 'max', header: t('max'), cell: (r) => optional(r.max) },
        ]}
      />
      {rows.length > 1000 && (
        <p className={styles.muted}>
          {t('cut', { shown: f.number(1000, 0), total: f.number(rows.length, 0) })}
        </p>
      )}
    </div>
  );
}

/**
 * Full-screen drill-down of a panel: the panel large, its data as a table (timeseries), an "aggregation off" toggle
 * showing the raw points (ranges up to 31 days), CSV export of what is shown and a link to the panel's report.
 */
function DrillDown({
  accountId,
  dashboard,
  panel,
  window,
  onClose,
}: {
  accountId: string;
  dashboard: string;
  panel: Panel;
  window: { from: string; to: string };
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useTranslations('dashboards.drill');
  const f = useFormat();
  const [raw, setRaw] = useState(false);
  const rawAllowed = Date.parse(window.to) - Date.parse(window.from) <= 31 * 86_400_000;
  const state = usePanelData(accountId, dashboard, panel, window, raw ? { aggregation: 'off' } : {});
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const data = state.query.data;
  const exportable = panel.type !== 'template' && panel.type !== 'image';
  return (
    <dialog
      ref={ref}
      className={styles.drilldown}
      onClose={onClose}
      aria-labelledby={`drill-${panel.id}`}
      data-testid="drilldown"
    >
      <header className={styles.drillHead}>
        <h2 id={`drill-${panel.id}`}>{panel.title}</h2>
        <div className={styles.actions}>
          {(panel.type === 'timeseries' || (panel.type === 'table' && panel.source === 'usage_points')) && (
            <label className={styles.toggle} title={rawAllowed ? undefined : t('rawTooLong')}>
              <input
                type="checkbox"
                checked={raw}
                disabled={!rawAllowed}
                onChange={(e) => setRaw(e.target.checked)}
              />{' '}
              {t('aggregationOff')}
            </label>
          )}
          {exportable && (
            <a
              className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
              href={panelCsvUrl(accountId, dashboard, panel.id, window, {
                ...(raw ? { aggregation: 'off' } : {}),
                ...(panel.type === 'table' ? { sort: state.options.sort, filter: state.options.filter } : {}),
              })}
              download
            >
              {t('exportCsv')}
            </a>
          )}
          <Link
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
            href={reportPath(accountId, dashboard, panel.id, window, raw ? 'off' : undefined)}
          >
            {t('openReport')}
          </Link>
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.small)}
            onClick={() => ref.current?.close()}
          >
            {t('close')}
          </button>
        </div>
      </header>
      <div className={styles.drillBody}>
        <PanelState state={state} height={360} />
        {data?.type === 'timeseries' && (
          <>
            <h3 className={styles.drillSub}>
              {data.bucket === 'raw' ? t('rawPoints') : t('bucketPoints', { bucket: data.bucket })}
              {data.truncated ? ` · ${t('truncated', { max: f.number(5000, 0) })}` : ''}
            </h3>
            <PointsTable data={data} />
          </>
        )}
      </div>
    </dialog>
  );
}

/** One panel on the grid: title, freshness, refresh, drill-down, report link and CSV export. */
export function PanelCard({
  accountId,
  dashboard,
  panel,
  window,
}: {
  accountId: string;
  dashboard: string;
  panel: Panel;
  window: { from: string; to: string };
}) {
  const state = usePanelData(accountId, dashboard, panel, window);
  const [drill, setDrill] = useState(false);
  const t = useTranslations('dashboards.panel');
  const height = panel.gridPos.h * ROW_PX + (panel.gridPos.h - 1) * GAP_PX - HEADER_PX - 24;
  const style = {
    '--x': panel.gridPos.x + 1,
    '--y': panel.gridPos.y + 1,
    '--w': panel.gridPos.w,
    '--h': panel.gridPos.h,
  } as React.CSSProperties;
  return (
    <section
      className={styles.panel}
      style={style}
      aria-labelledby={`panel-${panel.id}`}
      data-testid={`panel-${panel.id}`}
      data-panel-type={panel.type}
      data-state={state.query.isPending ? 'loading' : state.query.isError ? 'error' : 'ready'}
    >
      <header className={styles.panelHead}>
        <h2 id={`panel-${panel.id}`} className={styles.panelTitle} title={panel.description}>
          {panel.title}
        </h2>
        <div className={styles.panelActions}>
          <button
            type="button"
            className={styles.iconButton}
            onClick={() => void state.query.refetch()}
            aria-label={t('refreshPanel', { title: panel.title })}
            title={t('refresh')}
            disabled={state.query.isFetching}
          >
            ↻
          </button>
          <button
            type="button"
            className={styles.iconButton}
            onClick={() => setDrill(true)}
            aria-label={t('drillPanel', { title: panel.title })}
            title={t('drill')}
          >
            ⤢
          </button>
        </div>
      </header>
      <div className={styles.panelBody}>
        <PanelState state={state} height={Math.max(120, height)} />
      </div>
      <footer className={styles.panelFoot}>
        <Updated at={state.query.dataUpdatedAt} />
        {state.query.isFetching && !state.query.isPending ? (
          <span className={styles.updated}> · {t('refreshing')}</span>
        ) : null}
      </footer>
      {drill && (
        <DrillDown
          accountId={accountId}
          dashboard={dashboard}
          panel={panel}
          window={window}
          onClose={() => setDrill(false)}
        />
      )}
    </section>
  );
}
