import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { invoiceDetailQuery } from '@/features/billing/api/billing.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { InvoiceDetailView } from '@/features/billing/components/invoice-detail-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('invoice') };
}

export default async function InvoicePage({
  params,
}: {
  params: Promise<{ accountId: string; invoiceId: string }>;
}) {
  const p = await params;
  const accountId = decodeURIComponent(p.accountId);
  const invoiceId = decodeURIComponent(p.invoiceId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(invoiceDetailQuery(client, accountId, invoiceId))}>
      <InvoiceDetailView accountId={accountId} invoiceId={invoiceId} />
    </Prefetched>
  );
}
