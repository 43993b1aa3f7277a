'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { rangeSearch, rangeWindow, type DashboardRange } from '../api/dashboard-range';
import { dashboardKeys, dashboardListQuery, dashboardQuery } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { DashboardEditor } from './dashboard-editor';
import { DateFilter } from './date-filter';
import { PanelCard } from './panel-card';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';

/**
 * A dashboard: selector of the account's dashboards (configured and saved), for owners and admins "New dashboard",
 * "Edit" and "Delete" of saved ones (the editor replaces the grid while it is open), the global date filter (kept in the URL with the dashboard's
 * name, so a reload or a shared link opens the same view) and the panels on a 12-column CSS grid that stacks to
 * one column on narrow screens.
 */
export function DashboardView({
  accountId,
  name,
  initialRange,
}: {
  accountId: string;
  name: string;
  initialRange: DashboardRange;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const [range, setRange] = useState(initialRange);
  // The window is fixed for a view (every panel and the server's cache share it) and moves on refresh or a new range:
  // its end is read from the clock in those events, never during render.
  const [anchor, setAnchor] = useState(() => Date.now());
  const window = useMemo(() => rangeWindow(range, anchor), [range, anchor]);
  const list = useQuery(dashboardListQuery(browserApiClient, accountId));
  const dashboard = useQuery(dashboardQuery(browserApiClient, accountId, name));
  const canManage = useAccountPermissions(accountId).can('dashboards:manage');
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const t = useTranslations('dashboards.view');
  const remove = useMutation({
    mutationFn: () =>
      browserApiClient.send(accountApiPath(accountId, 'dashboards', name), { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: dashboardKeys.all(accountId) });
      open('default');
    },
  });

  function open(next: string) {
    const q = new URLSearchParams({
      ...(next !== 'default' ? { dashboard: next } : {}),
      ...rangeSearch(range),
    });
    router.push(`${pathname}?${q.toString()}`);
  }

  function go(next: { name?: string; range?: DashboardRange }) {
    const r = next.range ?? range;
    setRange(r);
    setAnchor(Date.now());
    const q = new URLSearchParams({
      ...((next.name ?? name) !== 'default' ? { dashboard: next.name ?? name } : {}),
      ...rangeSearch(r),
    });
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  }

  const panels = useMemo(
    () =>
      [...(dashboard.data?.panels ?? [])].sort(
        (a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x,
      ),
    [dashboard.data],
  );

  return (
    <>
      <PageHeader
        title={dashboard.data?.title ?? t('title')}
        description={dashboard.data?.description ?? undefined}
      />
      <div className={styles.toolbar}>
        <label className={styles.selector}>
          <span>{t('select')}</span>
          <select
            className={styles.input}
            value={name}
            onChange={(e) => open(e.target.value)}
            data-testid="dashboard-select"
          >
            {(list.data?.items ?? [{ name, title: name, source: 'configuration', visibility: null }]).map(
              (d) => (
                <option key={d.name} value={d.name}>
                  {d.source === 'saved'
                    ? t('savedOption', { title: d.title, visibility: d.visibility ?? 'shared' })
                    : d.title}
                </option>
              ),
            )}
          </select>
        </label>
        <DateFilter key={JSON.stringify(range)} range={range} onChange={(r) => go({ range: r })} />
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={() => {
            setAnchor(Date.now());
            void queryClient.invalidateQueries({ queryKey: dashboardKeys.all(accountId) });
          }}
        >
          {t('refreshAll')}
        </button>
        {canManage && editing === null && (
          <>
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
              onClick={() => setEditing('new')}
              data-testid="dashboard-new"
            >
              {t('new')}
            </button>
            {dashboard.data?.editable && (
              <>
                <button
                  type="button"
                  className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                  onClick={() => setEditing('edit')}
                  data-testid="dashboard-edit"
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                  disabled={remove.isPending}
                  onClick={() => {
                    if (globalThis.confirm(t('confirmDelete', { title: dashboard.data?.title ?? name })))
                      remove.mutate();
                  }}
                  data-testid="dashboard-delete"
                >
                  {t('delete')}
                </button>
              </>
            )}
          </>
        )}
      </div>
      {remove.isError && (
        <ErrorState title={t('deleteFailed')} error={remove.error} onRetry={() => remove.mutate()} />
      )}
      {editing !== null ? (
        <DashboardEditor
          key={editing}
          accountId={accountId}
          existing={editing === 'edit' && dashboard.data?.editable ? dashboard.data : null}
          sourcePanels={dashboard.data?.panels ?? []}
          onDone={(saved) => {
            setEditing(null);
            if (saved && saved !== name) open(saved);
          }}
        />
      ) : dashboard.isPending ? (
        <SkeletonLines lines={6} />
      ) : dashboard.isError ? (
        <ErrorState
          title={t('loadFailed')}
          error={dashboard.error}
          onRetry={() => void dashboard.refetch()}
          retrying={dashboard.isFetching}
        />
      ) : panels.length === 0 ? (
        <EmptyState title={t('noPanels')} />
      ) : (
        <div className={styles.grid} data-testid="dashboard-grid" data-from={window.from} data-to={window.to}>
          {panels.map((p) => (
            <PanelCard
              key={`${name}:${p.id}`}
              accountId={accountId}
              dashboard={name}
              panel={p}
              window={window}
            />
          ))}
        </div>
      )}
    </>
  );
}
