import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { PaymentMethodsView } from '@/features/billing/components/payment-methods-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('paymentMethods') };
}

export default async function PaymentMethodsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(paymentMethodsQuery(client, accountId))}>
      <PaymentMethodsView accountId={accountId} />
    </Prefetched>
  );
}
