'use client';

import { useQuery } from '@tanstack/react-query';
import type { InvoiceListFilter } from '@portico/domain';
import { invoiceListQuery } from '@/features/billing/api/billing.queries';
import { INVOICE_FILTERS } from '@/features/billing/components/invoice-filters';
import { InvoiceTable } from '@/features/billing/components/invoice-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';

/** Invoice list with status tabs and paging (kept in the URL). */
export function BillingView({
  accountId,
  initialStatus,
  initialPage,
}: {
  accountId: string;
  initialStatus: InvoiceListFilter;
  initialPage: number;
}) {
  const [{ status, page }, setView] = useSearchParamsState({ status: initialStatus, page: initialPage });
  const invoices = useQuery(invoiceListQuery(browserApiClient, accountId, { status, page, pageSize: LIST_PAGE_SIZE }));

  return (
    <>
      <PageHeader title="Billing" description="Your invoices and payments." />
      <section className="card">
        <div className="toolbar">
          <SegmentedControl label="Invoice status" options={INVOICE_FILTERS} value={status} onChange={(s) => setView({ status: s, page: 1 })} />
        </div>
        <PagedList
          query={invoices}
          loadingLabel="Loading invoices"
          errorTitle="We could not load your invoices"
          empty={<EmptyState title="No invoices here">{status === 'all' ? 'Your invoices will appear here.' : 'Try another status.'}</EmptyState>}
          onPageChange={(p) => setView({ status, page: p })}
        >
          {(items) => <InvoiceTable accountId={accountId} invoices={items} />}
        </PagedList>
      </section>
    </>
  );
}
