import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { auditPageQuery } from '@/features/audit/api/audit.queries';
import { auditQueryOf, parseAuditFilters } from '@/features/audit/components/audit-filters';
import { Prefetched } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';
import { AuditView } from '@/features/audit/components/audit-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('audit') };
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const initial = parseAuditFilters(query, pageParam(query.page));
  return (
    <Prefetched
      prefetch={async (qc, client) => {
        // Day filters are the viewer's local days: the browser computes the range, so only an unfiltered view is prefetched.
        if (initial.fromDay || initial.toDay) return;
        await qc.prefetchQuery(auditPageQuery(client, accountId, auditQueryOf(initial, LIST_PAGE_SIZE)));
      }}
    >
      <AuditView accountId={accountId} initial={initial} />
    </Prefetched>
  );
}
