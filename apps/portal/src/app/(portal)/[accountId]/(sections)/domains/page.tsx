import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { domainListFilterSchema, type DomainListFilter } from '@portico/domain';
import { domainListQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import type { SearchParams } from '@/lib/search-params';
import { DomainsView } from '@/features/domains/components/domains-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('domains') };
}

export default async function DomainsPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const parsed = domainListFilterSchema.safeParse(query.status);
  const status: DomainListFilter = parsed.success ? parsed.data : 'all';
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(domainListQuery(client, accountId, { status }))}>
      <DomainsView accountId={accountId} initialStatus={status} />
    </Prefetched>
  );
}
