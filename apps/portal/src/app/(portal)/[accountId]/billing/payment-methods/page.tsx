import type { Metadata } from 'next';
import { paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { PaymentMethodsView } from './payment-methods-view';

export const metadata: Metadata = { title: 'Payment methods' };

export default async function PaymentMethodsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(paymentMethodsQuery(client, accountId))}>
      <PaymentMethodsView accountId={accountId} />
    </Prefetched>
  );
}
