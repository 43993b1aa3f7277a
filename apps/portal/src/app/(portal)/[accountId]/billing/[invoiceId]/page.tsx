import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { invoiceDetailQuery } from '@/features/billing/api/billing.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { InvoiceDetailView } from './invoice-detail-view';

export const metadata: Metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: { params: Promise<{ accountId: string; invoiceId: string }> }) {
  const p = await params;
  const accountId = decodeURIComponent(p.accountId);
  const invoiceId = decodeURIComponent(p.invoiceId);
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(invoiceDetailQuery(client, accountId, invoiceId)));
  return (
    <HydrationBoundary state={state}>
      <InvoiceDetailView accountId={accountId} invoiceId={invoiceId} />
    </HydrationBoundary>
  );
}
