'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AccountUsageCatalog, UsageUnit } from '@portico/domain';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { DataTable } from '@/components/ui/data-table';
import { DateTime } from '@/components/ui/date-time';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { usageSamplesQuery } from '../api/usage.queries';
import type { UsageRangePreset } from '../api/usage-range';
import { formatUsage } from '../usage-format';
import { cx } from '@/lib/cx';
import tableStyles from '@/components/ui/data-table.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/** Raw samples of the selected range (its last 31 days), no aggregation, loaded 200 at a time. */
export function UsageSamples({
  accountId,
  metric,
  unit,
  range,
  service,
  catalog,
}: {
  accountId: string;
  metric: string;
  unit: UsageUnit;
  range: UsageRangePreset;
  service: string | null;
  catalog: AccountUsageCatalog;
}) {
  const t = useTranslations('usage.table');
  const f = useFormat();
  const samples = useInfiniteQuery(usageSamplesQuery(browserApiClient, accountId, metric, range, service));
  if (samples.isPending) return <SkeletonLines lines={6} label={t('loadingSamples')} />;
  if (samples.isError)
    return (
      <ErrorState
        title={t('samplesFailed')}
        error={samples.error}
        onRetry={() => void samples.refetch()}
        retrying={samples.isFetching}
      />
    );
  const rows = samples.data.pages.flatMap((p) => p.items);
  const name = (id: string | null) =>
    id === null ? '—' : (catalog.services.find((s) => s.id === id)?.name ?? id);
  return (
    <>
      <div
        className={cx(tableStyles.scroll, tableStyles.scrollTall)}
        tabIndex={0}
        role="region"
        aria-label={t('samples')}
      >
        <DataTable
          rows={rows}
          getRowId={(r) => `${r.service ?? ''}|${r.at}|${r.id ?? ''}`}
          data-testid="usage-samples"
          columns={[
            { id: 'service', header: t('service'), cell: (r) => name(r.service) },
            {
              id: 'time',
              header: t('time'),
              cell: (r) => <DateTime at={r.at} />,
            },
            {
              id: 'value',
              header: t('value'),
              numeric: true,
              cell: (r) => formatUsage(r.value, unit, { digits: 2, locale: f.locale }),
            },
            { id: 'sampleId', header: t('sampleId'), className: 'muted small', cell: (r) => r.id ?? '' },
          ]}
        />
      </div>
      <p className="muted small">
        {t('count', { count: rows.length, more: samples.hasNextPage ? 'yes' : 'no' })}{' '}
        {samples.hasNextPage ? (
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
            onClick={() => void samples.fetchNextPage()}
            disabled={samples.isFetchingNextPage}
          >
            {t('loadMore')}
          </button>
        ) : null}
      </p>
    </>
  );
}
