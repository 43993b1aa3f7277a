'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Domain, DomainListFilter, DomainStatus } from '@portico/domain';
import { domainListQuery } from '@/features/billing/api/billing.queries';
import { Freshness } from '@/features/status/components/freshness';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { SkeletonLines } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { browserApiClient } from '@/lib/api-client';
import { daysUntil, formatDate, formatMoney, humanize } from '@/lib/format';
import { useSearchParamsState } from '@/lib/use-search-params-state';

const FILTERS: ReadonlyArray<{ value: DomainListFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expiring', label: 'Expiring soon' },
  { value: 'expired', label: 'Expired' },
  { value: 'pending', label: 'Pending' },
  { value: 'inactive', label: 'Inactive' },
];

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
  if (domain.expiresOn === null) return <>–</>;
  const days = now === null ? null : daysUntil(domain.expiresOn, now);
  const soon = days !== null && days >= 0 && days <= 30 && domain.status === 'active';
  return (
    <span className={soon ? 'text-warning strong' : undefined}>
      {formatDate(domain.expiresOn)}
      {soon ? (
        <span className="small">
          {' '}
          · in {days} day{days === 1 ? '' : 's'}
        </span>
      ) : null}
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
  return (
    <>
      <PageHeader
        title="Domains"
        description="Domain names registered or transferred through us, soonest expiry first."
      />
      {domains.data && domains.data.expiringSoon > 0 ? (
        <div className="alert alert--warning" role="status" data-testid="domains-expiring">
          {domains.data.expiringSoon} domain{domains.data.expiringSoon === 1 ? '' : 's'} expire
          {domains.data.expiringSoon === 1 ? 's' : ''} within 30 days.
        </div>
      ) : null}
      <section className="card">
        <div className="toolbar">
          <SegmentedControl
            label="Domain status"
            options={FILTERS}
            value={status}
            onChange={(s) => setView({ status: s })}
          />
          <span className="toolbar__spacer" />
          <label className="field field--inline">
            <span className="visually-hidden">Search domains</span>
            <input
              type="search"
              placeholder="Search domains"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
        </div>
        {domains.data ? <Freshness meta={domains.data.meta} /> : null}
        {domains.isPending ? (
          <SkeletonLines lines={5} label="Loading domains" />
        ) : domains.isError ? (
          <ErrorState
            title="We could not load your domains"
            error={domains.error}
            onRetry={() => void domains.refetch()}
            retrying={domains.isFetching}
          />
        ) : domains.data.items.length === 0 ? (
          <EmptyState title={domains.data.total === 0 ? 'No domains yet' : 'No domain matches'}>
            {domains.data.total === 0 ? 'Domains you register with us appear here.' : 'Try another filter.'}
          </EmptyState>
        ) : (
          <div
            className={`table-scroll${domains.isPlaceholderData ? ' is-updating' : ''}`}
            tabIndex={0}
            role="region"
            aria-label="Domains"
          >
            <table className="table table--cards" data-testid="domains-table">
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">Status</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Auto-renew</th>
                  <th scope="col">Registrar</th>
                  <th scope="col" className="num">
                    Renewal
                  </th>
                </tr>
              </thead>
              <tbody>
                {domains.data.items.map((d) => (
                  <tr key={d.id}>
                    <td className="strong cell-title" data-label="Domain">
                      {d.name}
                    </td>
                    <td data-label="Status">
                      <Badge tone={TONE[d.status]}>{humanize(d.status)}</Badge>
                    </td>
                    <td data-label="Expires">
                      <Expiry domain={d} now={now} />
                    </td>
                    <td data-label="Auto-renew">{d.autoRenew ? 'On' : 'Off'}</td>
                    <td data-label="Registrar">{d.registrar ?? '–'}</td>
                    <td className="num" data-label="Renewal">
                      <span>
                        {formatMoney(d.recurringAmount)}
                        {d.periodYears ? <span className="muted small"> / {d.periodYears} yr</span> : null}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
