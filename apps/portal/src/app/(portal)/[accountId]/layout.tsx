import type { ReactNode } from 'react';
import { meQuery } from '@/features/auth/api/auth.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { AppShell } from '@/components/shell/app-shell';

export default async function AccountLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ accountId: string }>;
}) {
  const { accountId } = await params;
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(meQuery(client))}>
      <AppShell accountId={decodeURIComponent(accountId)}>{children}</AppShell>
    </Prefetched>
  );
}
