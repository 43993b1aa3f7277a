import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { meQuery } from '@/features/auth/api/auth.queries';
import { expiringDomainsQuery, paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { accountStatusQuery } from '@/features/dashboard/api/dashboard.queries';
import { accountPermissions } from '@/lib/permissions';
import { Prefetched } from '@/lib/server-prefetch';
import { DashboardView } from '@/features/dashboard/components/dashboard-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('dashboard') };
}

/**
 * The dashboard, rendered with its status document and, for roles that may read them, the attention notices' data
 * (expiring domains, the default card's warning): the notices are then in the first HTML instead of appearing after
 * the page has loaded, which moved the page's largest paint late.
 */
export default async function DashboardPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched
      prefetch={async (qc, client) => {
        const notices = qc
          .fetchQuery(meQuery(client))
          .then((me) => {
            const permissions = accountPermissions(me, accountId);
            return Promise.all([
              permissions.can('subscriptions:read')
                ? qc.prefetchQuery(expiringDomainsQuery(client, accountId))
                : null,
              permissions.can('billing:read')
                ? qc.prefetchQuery(paymentMethodsQuery(client, accountId))
                : null,
            ]);
          })
          .catch(() => undefined);
        await Promise.all([qc.prefetchQuery(accountStatusQuery(client, accountId)), notices]);
      }}
    >
      <DashboardView accountId={accountId} />
    </Prefetched>
  );
}
