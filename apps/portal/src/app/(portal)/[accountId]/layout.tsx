import type { ReactNode } from 'react';
import { HydrationBoundary } from '@tanstack/react-query';
import { meQuery } from '@/features/auth/api/auth.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { AppShell } from '@/components/shell/app-shell';

export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(meQuery(client)));
  return (
    <HydrationBoundary state={state}>
      <AppShell accountId={decodeURIComponent(accountId)}>{children}</AppShell>
    </HydrationBoundary>
  );
}
