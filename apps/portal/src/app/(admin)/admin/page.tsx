import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';
import { AdminAccountsView } from '@/features/admin/components/admin-accounts-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('adminAccounts') };
}

export default async function AdminAccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const search = typeof query.search === 'string' ? query.search.slice(0, 200) : '';
  const page = pageParam(query.page);
  return (
    <Prefetched
      prefetch={(qc, client) =>
        qc.prefetchQuery(
          adminAccountPageQuery(client, { page, pageSize: LIST_PAGE_SIZE, search: search || undefined }),
        )
      }
    >
      <AdminAccountsView initialSearch={search} initialPage={page} />
    </Prefetched>
  );
}
