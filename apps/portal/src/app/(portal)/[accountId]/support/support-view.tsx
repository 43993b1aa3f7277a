'use client';

import { useState } from 'react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { CaseListQuery } from '@portico/domain';
import { caseListQuery } from '@/features/support/api/support.queries';
import { CASE_FILTERS } from '@/features/support/components/case-filters';
import { CaseTable } from '@/features/support/components/case-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';

const PAGE_SIZE = 10;

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
  const router = useRouter();
  const pathname = usePathname();
  const [state, setState] = useState(initialState);
  const [page, setPage] = useState(initialPage);
  const cases = useQuery(caseListQuery(browserApiClient, accountId, { state, page, pageSize: PAGE_SIZE }));

  function go(nextState: CaseListQuery['state'], nextPage: number) {
    setState(nextState);
    setPage(nextPage);
    router.replace(`${pathname}?state=${nextState}&page=${nextPage}`, { scroll: false });
  }

  return (
    <>
      <PageHeader
        title="Support"
        description="Questions, incidents and requests with our team."
        actions={
          <Link className="button button--primary" href={`/${encodeURIComponent(accountId)}/support/new`}>
            New case
          </Link>
        }
      />
      <section className="card">
        <div className="toolbar">
          <SegmentedControl label="Case state" options={CASE_FILTERS} value={state} onChange={(s) => go(s, 1)} />
        </div>
        {cases.isPending ? (
          <SkeletonLines lines={6} label="Loading cases" />
        ) : cases.isError ? (
          <ErrorState title="We could not load your cases" error={cases.error} onRetry={() => void cases.refetch()} retrying={cases.isFetching} />
        ) : cases.data.items.length === 0 ? (
          <EmptyState title={state === 'open' ? 'No open cases' : 'No cases here'}>
            {state === 'open' ? 'Everything is quiet. Open a case whenever you need us.' : null}
          </EmptyState>
        ) : (
          <div className={cases.isPlaceholderData ? 'is-updating' : undefined}>
            <CaseTable accountId={accountId} cases={cases.data.items} />
            <Pagination page={cases.data.page} onChange={(p) => go(state, p)} busy={cases.isFetching} />
          </div>
        )}
      </section>
    </>
  );
}
