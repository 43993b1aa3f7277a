import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { caseListQuery } from '@/features/support/api/support.queries';
import { parseCaseState } from '@/features/support/components/case-filters';
import { Prefetched } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';
import { SupportView } from '@/features/support/components/support-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('support') };
}

export default async function SupportPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const state = parseCaseState(query.state);
  const page = pageParam(query.page);
  return (
    <Prefetched
      prefetch={(qc, client) =>
        qc.prefetchQuery(caseListQuery(client, accountId, { state, page, pageSize: LIST_PAGE_SIZE }))
      }
    >
      <SupportView accountId={accountId} initialState={state} initialPage={page} />
    </Prefetched>
  );
}
