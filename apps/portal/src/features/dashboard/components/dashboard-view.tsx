'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { accountStatusQuery } from '@/features/dashboard/api/dashboard.queries';
import { DashboardBlock } from '@/features/dashboard/components/dashboard-block';
import {
  AccountTeam,
  BalanceDue,
  NextInvoice,
  OpenCases,
  Profile,
  RecentInvoices,
  Subscriptions,
  UsageTiles,
} from '@/features/dashboard/components/dashboard-blocks';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { AttentionNotices } from '@/features/billing/components/attention-notices';
import { cx } from '@/lib/cx';
import layoutStyles from '@/components/ui/layout.module.css';
import cardStyles from '@/components/ui/card.module.css';
import blockStyles from './dashboard-block.module.css';
import buttonStyles from '@/components/ui/button.module.css';

function DashboardSkeleton() {
  const t = useTranslations('dashboard');
  return (
    <div className={layoutStyles.dashboardGrid} aria-busy="true">
      {(['balance', 'nextInvoice', 'usage', 'subscriptions', 'cases', 'profile'] as const).map((key) => (
        <section key={key} className={cx(cardStyles.card, blockStyles.block)}>
          <h2 className={blockStyles.title}>{t(`block.${key}`)}</h2>
          <SkeletonLines lines={3} label={t('loading', { block: t(`block.${key}`) })} />
        </section>
      ))}
    </div>
  );
}

/** The dashboard: one card per block of the status document, each with its own freshness. */
export function DashboardView({ accountId }: { accountId: string }) {
  const status = useQuery(accountStatusQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);
  const t = useTranslations('dashboard');

  if (status.isPending) {
    return (
      <>
        <PageHeader title={t('title')} />
        <DashboardSkeleton />
      </>
    );
  }
  if (status.isError) {
    return (
      <>
        <PageHeader title={t('title')} />
        <ErrorState
          title={t('loadFailed')}
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
        description={permissions.can('billing:read') ? t('descriptionBilling') : t('description')}
        actions={
          permissions.can('support:write') ? (
            <Link
              className={cx(buttonStyles.button, buttonStyles.primary)}
              href={accountPagePath(accountId, 'support', 'new')}
            >
              {t('newCase')}
            </Link>
          ) : undefined
        }
      />
      <AttentionNotices accountId={accountId} />
      <div className={layoutStyles.dashboardGrid}>
        <DashboardBlock title={t('block.balance')} block={s.billing} {...refresh} testId="block-balance">
          {(billing) => <BalanceDue billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.nextInvoice')}
          block={s.billing}
          {...refresh}
          testId="block-next-invoice"
        >
          {(billing) => <NextInvoice billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.usage')}
          block={s.usage}
          {...refresh}
          testId="block-usage"
          action={
            <Link className="link small" href={accountPagePath(accountId, 'usage')}>
              {t('seeHistory')}
            </Link>
          }
        >
          {(tiles) => (
            <UsageTiles
              tiles={tiles}
              accountId={accountId}
              limitsUnavailable={s.subscriptions.meta.unavailable}
            />
          )}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.subscriptions')}
          block={s.subscriptions}
          {...refresh}
          testId="block-subscriptions"
          className={layoutStyles.span2}
        >
          {(items) => <Subscriptions items={items} />}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.recentInvoices')}
          block={s.billing}
          {...refresh}
          testId="block-recent-invoices"
          action={
            <Link className="link small" href={accountPagePath(accountId, 'billing')}>
              {t('allInvoices')}
            </Link>
          }
        >
          {(billing) => <RecentInvoices billing={billing} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.cases')}
          block={s.cases}
          {...refresh}
          testId="block-cases"
          className={layoutStyles.span2}
          action={
            <Link className="link small" href={accountPagePath(accountId, 'support')}>
              {t('allCases')}
            </Link>
          }
        >
          {(cases) => <OpenCases cases={cases} accountId={accountId} />}
        </DashboardBlock>
        <DashboardBlock title={t('block.crm')} block={s.crm} {...refresh} testId="block-crm">
          {(crm) => <AccountTeam crm={crm} />}
        </DashboardBlock>
        <DashboardBlock
          title={t('block.profile')}
          block={s.profile}
          {...refresh}
          testId="block-profile"
          className={layoutStyles.spanFull}
        >
          {(profile) => <Profile profile={profile} />}
        </DashboardBlock>
      </div>
    </>
  );
}
