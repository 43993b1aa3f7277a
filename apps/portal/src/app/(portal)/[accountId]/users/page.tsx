import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { memberListQuery } from '@/features/members/api/members.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { UsersView } from './users-view';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(memberListQuery(client, accountId)));
  return (
    <HydrationBoundary state={state}>
      <UsersView accountId={accountId} />
    </HydrationBoundary>
  );
}
