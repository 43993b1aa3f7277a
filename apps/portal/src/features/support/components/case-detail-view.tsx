'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { caseDetailQuery } from '@/features/support/api/support.queries';
import { CasePriorityBadge, CaseStatusBadge } from '@/features/support/components/case-badges';
import { CaseConversation } from '@/features/support/components/case-conversation';
import { Freshness } from '@/features/dashboard/components/freshness';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient, isApiError } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import cardStyles from '@/components/ui/card.module.css';
import pageHeaderStyles from '@/components/ui/page-header.module.css';
import badgeStyles from '@/components/ui/badge.module.css';
import layoutStyles from '@/components/ui/layout.module.css';

/** One support case: status, priority, dates, the description and the conversation with support. */
export function CaseDetailView({ accountId, caseId }: { accountId: string; caseId: string }) {
  const supportCase = useQuery(caseDetailQuery(browserApiClient, accountId, caseId));
  const permissions = useAccountPermissions(accountId);
  const t = useTranslations('support.case');
  const f = useFormat();
  const back = (
    <Link className="back-link" href={accountPagePath(accountId, 'support')}>
      ← {t('back')}
    </Link>
  );
  if (supportCase.isPending) {
    return (
      <>
        {back}
        <section className={cardStyles.card}>
          <SkeletonLines lines={6} label={t('loading')} />
        </section>
      </>
    );
  }
  if (supportCase.isError) {
    const notFound = isApiError(supportCase.error) && supportCase.error.status === 404;
    return (
      <>
        {back}
        {/* Every page keeps its level-one heading, also when its data could not be read. */}
        <div className={pageHeaderStyles.pageHeader}>
          <h1 className={pageHeaderStyles.title}>{t('title')}</h1>
        </div>
        <ErrorState
          title={notFound ? t('notFound') : t('loadFailed')}
          error={supportCase.error}
          onRetry={notFound ? undefined : () => void supportCase.refetch()}
          retrying={supportCase.isFetching}
        />
      </>
    );
  }
  const c = supportCase.data;
  return (
    <>
      {back}
      <div className={pageHeaderStyles.pageHeader}>
        <div>
          <p className="eyebrow">{t('number', { number: c.number })}</p>
          <h1 className={pageHeaderStyles.title} data-testid="case-subject">
            {c.subject}
          </h1>
          <div className={badgeStyles.badges}>
            <CaseStatusBadge status={c.status} />
            <CasePriorityBadge priority={c.priority} />
          </div>
          <Freshness meta={c.meta} className={pageHeaderStyles.freshness} />
        </div>
      </div>
      <div className={layoutStyles.detailGrid}>
        <section className={cardStyles.card} aria-labelledby="description-title">
          <h2 className={cardStyles.title} id="description-title">
            {t('description')}
          </h2>
          <p className="pre-line">{c.description ?? t('noDescription')}</p>
        </section>
        <section className={cardStyles.card} aria-labelledby="details-title">
          <h2 className={cardStyles.title} id="details-title">
            {t('details')}
          </h2>
          <dl className={layoutStyles.facts}>
            <div>
              <dt>{t('opened')}</dt>
              <dd suppressHydrationWarning>{f.dateTime(c.createdAt)}</dd>
            </div>
            <div>
              <dt>{t('updated')}</dt>
              <dd suppressHydrationWarning>{f.dateTime(c.updatedAt)}</dd>
            </div>
            {c.closedAt ? (
              <div>
                <dt>{t('closed')}</dt>
                <dd suppressHydrationWarning>{f.dateTime(c.closedAt)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('contact')}</dt>
              <dd>{c.contactName ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('channel')}</dt>
              <dd>{c.origin ?? '—'}</dd>
            </div>
          </dl>
        </section>
      </div>
      <CaseConversation accountId={accountId} supportCase={c} canWrite={permissions.can('support:write')} />
    </>
  );
}
