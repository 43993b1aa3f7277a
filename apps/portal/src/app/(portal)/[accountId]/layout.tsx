import type { ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { notificationsQuery } from '@/features/notifications/api/notifications.queries';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/config';
import { Prefetched, serverMeQuery } from '@/lib/server-prefetch';
import { AppShell } from '@/components/shell/app-shell';

export default async function AccountLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ accountId: string }>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const locale = await getLocale();
  // The bell's list too, so its unread count is in the first paint and the page needs no answer checked by the
  // browser (no schema chunk) until something changes.
  return (
    <Prefetched
      prefetch={(qc, client) =>
        Promise.all([
          qc.prefetchQuery(serverMeQuery(client)),
          qc.prefetchQuery(notificationsQuery(client, accountId, isLocale(locale) ? locale : DEFAULT_LOCALE)),
        ])
      }
    >
      <AppShell accountId={accountId}>{children}</AppShell>
    </Prefetched>
  );
}
