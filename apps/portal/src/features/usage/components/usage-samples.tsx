'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AccountUsageCatalog, UsageUnit } from '@portico/domain';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { usageSamplesQuery } from '../api/usage.queries';
import type { UsageRangePreset } from '../api/usage-range';
import { formatUsage } from '../usage-format';

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
      <div className="table-scroll table-scroll--tall" tabIndex={0} role="region" aria-label={t('samples')}>
        <table className="table" data-testid="usage-samples">
          <thead>
            <tr>
              <th scope="col">{t('service')}</th>
              <th scope="col">{t('time')}</th>
              <th scope="col" className="num">
                {t('value')}
              </th>
              <th scope="col">{t('sampleId')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.service ?? ''}|${r.at}|${r.id ?? ''}`}>
                <td>{name(r.service)}</td>
                <td>
                  <time dateTime={r.at} suppressHydrationWarning>
                    {f.dateTime(r.at)}
                  </time>
                </td>
                <td className="num">{formatUsage(r.value, unit, { digits: 2, locale: f.locale })}</td>
                <td className="muted small">{r.id ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {t('count', { count: rows.length, more: samples.hasNextPage ? 'yes' : 'no' })}{' '}
        {samples.hasNextPage ? (
          <button
            type="button"
            className="button button--secondary button--small"
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
