import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { memberListQuery } from '@/features/users/api/users.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { UsersView } from '@/features/users/components/users-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('users') };
}

export default async function UsersPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(memberListQuery(client, accountId))}>
      <UsersView accountId={accountId} />
    </Prefetched>
  );
}
