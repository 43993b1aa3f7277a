import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { HydrationBoundary } from '@tanstack/react-query';
import { authKeys } from '@/features/auth/api/keys';
import { prefetchOnServer, serverMeQuery } from '@/lib/server-prefetch';
import { AdminShell } from '@/components/shell/admin-shell';
import type { Me } from '@portico/domain';

/** The `/admin` area: a 404 for signed-in users who are not platform administrators. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  let me: Me | undefined;
  const state = await prefetchOnServer(async (qc, client) => {
    await qc.prefetchQuery(serverMeQuery(client));
    // eslint-disable-next-line react-hooks/immutability -- a server component run once per request, not a render that repeats
    me = qc.getQueryData<Me>(authKeys.me());
  });
  if (me && !me.platformAdmin) notFound();
  return (
    <HydrationBoundary state={state}>
      <AdminShell>{children}</AdminShell>
    </HydrationBoundary>
  );
}
