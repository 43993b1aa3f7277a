import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';
import { AdminAccountsView } from './admin-accounts-view';

export const metadata: Metadata = { title: 'Accounts · Administration' };

export default async function AdminAccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const search = typeof query.search === 'string' ? query.search.slice(0, 200) : '';
  const page = pageParam(query.page);
  const dehydrated = await prefetchOnServer((qc, client) =>
    qc.prefetchQuery(adminAccountPageQuery(client, { page, pageSize: LIST_PAGE_SIZE, search: search || undefined })),
  );
  return (
    <HydrationBoundary state={dehydrated}>
      <AdminAccountsView initialSearch={search} initialPage={page} />
    </HydrationBoundary>
  );
}
