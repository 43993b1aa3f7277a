'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Panel, PanelData } from '@portico/domain';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient, isApiError } from '@/lib/api-client';
import { panelDataOptions, panelDataQuery, type PanelDataOptions } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { HealthPanel } from './health-panel';
import { ImagePanel } from './image-panel';
import { KpiPanel } from './kpi-panel';
import { TablePanel } from './table-panel';
import { TemplatePanel } from './template-panel';
import { TimeseriesPanel } from './timeseries-panel';

/** Whether a panel's data has nothing to show (the empty state). */
export function isEmpty(data: PanelData): boolean {
  switch (data.type) {
    case 'timeseries':
      return data.series.every((s) => s.points.length === 0);
    case 'health_status':
      return data.items.length === 0;
    case 'kpi':
      return false;
    case 'table':
      return false;
    default:
      return false;
  }
}

/** The panel's renderer for its data. */
export function PanelRenderer({
  data,
  height,
  table,
}: {
  data: PanelData;
  height: number;
  table?: {
    filter: string;
    onSort: (s: string) => void;
    onPage: (p: number) => void;
    onFilter: (f: string) => void;
  };
}) {
  switch (data.type) {
    case 'timeseries':
      return <TimeseriesPanel data={data} height={height} />;
    case 'kpi':
      return <KpiPanel data={data} />;
    case 'health_status':
      return <HealthPanel data={data} />;
    case 'table':
      return (
        <TablePanel
          data={data}
          filter={table?.filter ?? ''}
          onSort={table?.onSort ?? (() => undefined)}
          onPage={table?.onPage ?? (() => undefined)}
          onFilter={table?.onFilter ?? (() => undefined)}
        />
      );
    case 'template':
      return <TemplatePanel data={data} />;
    case 'image':
      return <ImagePanel data={data} />;
  }
}

/** The query state of one panel: its data plus the table's own order, filter and page. */
export function usePanelData(
  accountId: string,
  dashboard: string,
  panel: Panel,
  window: { from: string; to: string },
  extra: PanelDataOptions = {},
) {
  const [sort, setSort] = useState<string>('');
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const options = panelDataOptions(panel, { sort, filter, page }, extra);
  const query = useQuery(
    panelDataQuery(browserApiClient, accountId, dashboard, panel.id, window, options, panel.refreshSeconds),
  );
  return {
    query,
    options,
    table: {
      filter,
      onSort: (s: string) => {
        setSort(s);
        setPage(1);
      },
      onPage: setPage,
      onFilter: (f: string) => {
        setFilter(f);
        setPage(1);
      },
    },
  };
}

/** Loading, error (with retry), empty or the rendered panel. */
export function PanelState({ state, height }: { state: ReturnType<typeof usePanelData>; height: number }) {
  const { query, table } = state;
  const t = useTranslations('dashboards.panel');
  if (query.isPending) return <SkeletonLines lines={3} />;
  if (query.isError && !query.data) {
    if (isApiError(query.error) && query.error.status === 403)
      return <p className={styles.muted}>{t('forbidden')}</p>;
    return (
      <ErrorState
        title={t('loadFailed')}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  const data = query.data;
  if (isEmpty(data)) return <p className={styles.muted}>{t('noData')}</p>;
  return <PanelRenderer data={data} height={height} table={table} />;
}
