'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { accountStatusQuery } from '@/features/status/api/status.queries';
import { DashboardBlock } from '@/features/status/components/dashboard-block';
import {
  AccountTeam,
  BalanceDue,
  NextInvoice,
  OpenCases,
  Profile,
  RecentInvoices,
  Subscriptions,
  UsageTiles,
} from '@/features/status/components/dashboard-blocks';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { AttentionNotices } from '@/features/billing/components/attention-notices';

function DashboardSkeleton() {
  return (
    <div className="dashboard-grid" aria-busy="true">
      {['Balance due', 'Next invoice', 'Usage', 'Plan & services', 'Open cases', 'Company profile'].map((t) => (
        <section key={t} className="card block">
          <h2 className="block__title">{t}</h2>
          <SkeletonLines lines={3} label={`Loading ${t.toLowerCase()}`} />
        </section>
      ))}
    </div>
  );
}

/** The dashboard: one card per block of the status document, each with its own freshness. */
export function DashboardView({ accountId }: { accountId: string }) {
  const status = useQuery(accountStatusQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);

  if (status.isPending) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <DashboardSkeleton />
      </>
    );
  }
  if (status.isError) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <ErrorState
          title="We could not load your dashboard"
          error={status.error}
          onRetry={() => void status.refetch()}
          retrying={status.isFetching}
        />
      </>
    );
  }

  const s = status.data;
  // Every block retries by refetching the one status document.
  const refresh = { onRetry: () => void status.refetch(), retrying: status.isFetching };
  return (
    <>
      <PageHeader
        title={s.account.name}
        description={permissions.can('billing:read') ? 'Your services, bills and support at a glance.' : 'Your services and support at a glance.'}
        actions={
          permissions.can('support:write') ? (
            <Link className="button button--primary" href={accountPagePath(accountId, 'support', 'new')}>
              New support case
            </Link>
          ) : undefined
        }
      />
      <AttentionNotices accountId={accountId} />
      <div className="dashboard-grid">
        <DashboardBlock title="Balance due" block={s.billing} {...refresh} testId="block-balance">
          {(billing) => <BalanceDue billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock title="Next invoice" block={s.billing} {...refresh} testId="block-next-invoice">
          {(billing) => <NextInvoice billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock
          title="Usage"
          block={s.usage}
          {...refresh}
          testId="block-usage"
          action={
            <Link className="link small" href={accountPagePath(accountId, 'usage')}>
              See history
            </Link>
          }
        >
          {(tiles) => <UsageTiles tiles={tiles} accountId={accountId} limitsUnavailable={s.subscriptions.meta.unavailable} />}
        </DashboardBlock>
        <DashboardBlock
          title="Plan & services"
          block={s.subscriptions}
          {...refresh}
          testId="block-subscriptions"
          className="span-2"
        >
          {(items) => <Subscriptions items={items} />}
        </DashboardBlock>
        <DashboardBlock
          title="Recent invoices"
          block={s.billing}
          {...refresh}
          testId="block-recent-invoices"
          action={
            <Link className="link small" href={accountPagePath(accountId, 'billing')}>
              All invoices
            </Link>
          }
        >
          {(billing) => <RecentInvoices billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock
          title="Open cases"
          block={s.cases}
          {...refresh}
          testId="block-cases"
          className="span-2"
          action={
            <Link className="link small" href={accountPagePath(accountId, 'support')}>
              All cases
            </Link>
          }
        >
          {(cases) => <OpenCases cases={cases} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock title="Your account team" block={s.crm} {...refresh} testId="block-crm">
          {(crm) => <AccountTeam crm={crm} />}
        </DashboardBlock>
        <DashboardBlock title="Company profile" block={s.profile} {...refresh} testId="block-profile" className="span-full">
          {(profile) => <Profile profile={profile} />}
        </DashboardBlock>
      </div>
    </>
  );
}
