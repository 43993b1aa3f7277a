import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { expiringDomainsQuery, paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { accountStatusQuery } from '@/features/dashboard/api/dashboard.queries';
import { usageAlertsQuery, usageCatalogQuery } from '@/features/usage/api/usage.queries';
import { accountPermissions } from '@/lib/permissions';
import { Prefetched, serverMeQuery } from '@/lib/server-prefetch';
import { DashboardView } from '@/features/dashboard/components/dashboard-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('dashboard') };
}

/**
 * The dashboard, rendered with its status document and, for roles that may read them, the data of what the blocks
 * show beside it: the attention notices (expiring domains, the default card's warning) and the usage block's recent
 * alerts (with the catalog that words them). They are then in the first HTML instead of appearing after the page has
 * loaded (the notices, its largest element, moved the largest paint late), and the browser has nothing to fetch and
 * check until something changes.
 */
export default async function DashboardPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched
      prefetch={async (qc, client) => {
        const notices = qc
          .fetchQuery(serverMeQuery(client))
          .then((me) => {
            const permissions = accountPermissions(me, accountId);
            return Promise.all([
              permissions.can('subscriptions:read')
                ? qc.prefetchQuery(expiringDomainsQuery(client, accountId))
                : null,
              permissions.can('billing:read')
                ? qc.prefetchQuery(paymentMethodsQuery(client, accountId))
                : null,
              permissions.can('usage:read') ? qc.prefetchQuery(usageAlertsQuery(client, accountId)) : null,
              permissions.can('usage:read') ? qc.prefetchQuery(usageCatalogQuery(client, accountId)) : null,
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
