'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { CaseListQuery } from '@portico/domain';
import { caseListQuery } from '@/features/support/api/support.queries';
import { CASE_FILTERS } from '@/features/support/components/case-filters';
import { CaseTable } from '@/features/support/components/case-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { Freshness } from '@/features/dashboard/components/freshness';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';

/** Support cases with Open / Closed / All tabs and paging. */
export function SupportView({
  accountId,
  initialState,
  initialPage,
}: {
  accountId: string;
  initialState: CaseListQuery['state'];
  initialPage: number;
}) {
  const [{ state, page }, setView] = useSearchParamsState({ state: initialState, page: initialPage });
  const t = useTranslations('support');
  const cases = useQuery(
    caseListQuery(browserApiClient, accountId, { state, page, pageSize: LIST_PAGE_SIZE }),
  );
  const canOpenCases = useAccountPermissions(accountId).can('support:write');

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canOpenCases ? (
            <Link
              className={cx(buttonStyles.button, buttonStyles.primary)}
              href={accountPagePath(accountId, 'support', 'new')}
            >
              {t('newCase')}
            </Link>
          ) : undefined
        }
      />
      <section className={cardStyles.card}>
        <div className={layoutStyles.toolbar}>
          <SegmentedControl
            label={t('stateTabs')}
            options={CASE_FILTERS.map((f) => ({ value: f.value, label: t(`filter.${f.value}`) }))}
            value={state}
            onChange={(s) => setView({ state: s, page: 1 })}
          />
          <span className={layoutStyles.toolbarSpacer} />
          {cases.data ? <Freshness meta={cases.data.meta} /> : null}
        </div>
        <PagedList
          query={cases}
          loadingLabel={t('loading')}
          errorTitle={t('loadFailed')}
          empty={
            <EmptyState title={state === 'open' ? t('noOpen') : t('noCases')}>
              {state === 'open' ? t('quiet') : null}
            </EmptyState>
          }
          onPageChange={(p) => setView({ state, page: p })}
        >
          {(items) => <CaseTable accountId={accountId} cases={items} />}
        </PagedList>
      </section>
    </>
  );
}
