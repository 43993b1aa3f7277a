import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { invoiceListQuery } from '@/features/billing/api/billing.queries';
import { parseInvoiceFilter } from '@/features/billing/components/invoice-filters';
import { Prefetched } from '@/lib/server-prefetch';
import { LIST_PAGE_SIZE, pageParam, type SearchParams } from '@/lib/search-params';
import { BillingView } from '@/features/billing/components/billing-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('billing') };
}

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const accountId = decodeURIComponent((await params).accountId);
  const query = await searchParams;
  const status = parseInvoiceFilter(query.status);
  const page = pageParam(query.page);
  return (
    <Prefetched
      prefetch={(qc, client) =>
        qc.prefetchQuery(invoiceListQuery(client, accountId, { status, page, pageSize: LIST_PAGE_SIZE }))
      }
    >
      <BillingView accountId={accountId} initialStatus={status} initialPage={page} />
    </Prefetched>
  );
}
