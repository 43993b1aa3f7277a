'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Domain, DomainListFilter, DomainStatus } from '@portico/domain';
import { domainListQuery } from '@/features/billing/api/billing.queries';
import { Freshness } from '@/features/dashboard/components/freshness';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { SkeletonLines } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { browserApiClient } from '@/lib/api-client';
import { daysUntil } from '@/lib/format';
import { useFormat } from '@/lib/use-format';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import tableStyles from '@/components/ui/data-table.module.css';

const FILTERS: readonly DomainListFilter[] = ['all', 'active', 'expiring', 'expired', 'pending', 'inactive'];

const TONE: Readonly<Record<DomainStatus, BadgeTone>> = {
  pending: 'info',
  pending_registration: 'info',
  pending_transfer: 'info',
  active: 'success',
  grace: 'warning',
  redemption: 'danger',
  expired: 'danger',
  transferred_away: 'neutral',
  cancelled: 'neutral',
  fraud: 'danger',
  unknown: 'neutral',
};

function Expiry({ domain, now }: { domain: Domain; now: number | null }) {
  const t = useTranslations('domains');
  const f = useFormat();
  if (domain.expiresOn === null) return <>–</>;
  const days = now === null ? null : daysUntil(domain.expiresOn, now);
  const soon = days !== null && days >= 0 && days <= 30 && domain.status === 'active';
  return (
    <span className={soon ? 'text-warning strong' : undefined}>
      {f.date(domain.expiresOn)}
      {soon ? <span className="small"> · {t('inDays', { days })}</span> : null}
    </span>
  );
}

/** The account's domains: status filter and name search (in the URL), expiry, auto-renew and registrar. */
export function DomainsView({
  accountId,
  initialStatus,
}: {
  accountId: string;
  initialStatus: DomainListFilter;
}) {
  const [{ status }, setView] = useSearchParamsState({ status: initialStatus });
  const [search, setSearch] = useState('');
  const domains = useQuery(
    domainListQuery(browserApiClient, accountId, { status, search: search.trim() || undefined }),
  );
  const now = useNow();
  const t = useTranslations('domains');
  const f = useFormat();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {domains.data && domains.data.expiringSoon > 0 ? (
        <div
          className={cx(alertStyles.alert, alertStyles.warning)}
          role="status"
          data-testid="domains-expiring"
        >
          {t('expiringSoon', { count: domains.data.expiringSoon })}
        </div>
      ) : null}
      <section className={cardStyles.card}>
        <div className={layoutStyles.toolbar}>
          <SegmentedControl
            label={t('statusTabs')}
            options={FILTERS.map((value) => ({ value, label: t(`filter.${value}`) }))}
            value={status}
            onChange={(s) => setView({ status: s })}
          />
          <span className={layoutStyles.toolbarSpacer} />
          <label className={cx(fieldStyles.field, fieldStyles.inline)}>
            <span className="visually-hidden">{t('search')}</span>
            <input
              type="search"
              placeholder={t('search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
        </div>
        {domains.data ? <Freshness meta={domains.data.meta} /> : null}
        {domains.isPending ? (
          <SkeletonLines lines={5} label={t('loading')} />
        ) : domains.isError ? (
          <ErrorState
            title={t('loadFailed')}
            error={domains.error}
            onRetry={() => void domains.refetch()}
            retrying={domains.isFetching}
          />
        ) : domains.data.items.length === 0 ? (
          <EmptyState title={domains.data.total === 0 ? t('empty') : t('noMatch')}>
            {domains.data.total === 0 ? t('emptyBody') : t('noMatchBody')}
          </EmptyState>
        ) : (
          <div
            className={cx(tableStyles.scroll, domains.isPlaceholderData && layoutStyles.isUpdating)}
            tabIndex={0}
            role="region"
            aria-label={t('title')}
          >
            <DataTable
              rows={domains.data.items}
              getRowId={(d) => d.id}
              cards
              data-testid="domains-table"
              columns={[
                {
                  id: 'domain',
                  header: t('domain'),
                  className: cx('strong', tableStyles.cellTitle),
                  cell: (d) => d.name,
                },
                {
                  id: 'status',
                  header: t('status'),
                  cell: (d) => <Badge tone={TONE[d.status]}>{t(`statusLabel.${d.status}`)}</Badge>,
                },
                { id: 'expires', header: t('expires'), cell: (d) => <Expiry domain={d} now={now} /> },
                { id: 'autoRenew', header: t('autoRenew'), cell: (d) => (d.autoRenew ? t('on') : t('off')) },
                { id: 'registrar', header: t('registrar'), cell: (d) => d.registrar ?? '–' },
                {
                  id: 'renewal',
                  header: t('renewal'),
                  numeric: true,
                  cell: (d) => (
                    <span>
                      {f.money(d.recurringAmount)}
                      {d.periodYears ? (
                        <span className="muted small"> / {t('years', { years: d.periodYears })}</span>
                      ) : null}
                    </span>
                  ),
                },
              ]}
            />
          </div>
        )}
      </section>
    </>
  );
}
