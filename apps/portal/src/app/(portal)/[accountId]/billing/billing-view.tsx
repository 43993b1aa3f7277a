'use client';

import { useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { InvoiceListFilter } from '@portico/domain';
import { invoiceListQuery } from '@/features/billing/api/billing.queries';
import { InvoiceTable } from '@/features/billing/components/invoice-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';

const PAGE_SIZE = 10;

/** Invoice list with status tabs and paging (kept in the URL). */
export function BillingView({
  accountId,
  initialStatus,
  initialPage,
  filters,
}: {
  accountId: string;
  initialStatus: InvoiceListFilter;
  initialPage: number;
  filters: readonly { value: InvoiceListFilter; label: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [status, setStatus] = useState<InvoiceListFilter>(initialStatus);
  const [page, setPage] = useState(initialPage);
  const invoices = useQuery(invoiceListQuery(browserApiClient, accountId, { status, page, pageSize: PAGE_SIZE }));

  function go(nextStatus: InvoiceListFilter, nextPage: number) {
    setStatus(nextStatus);
    setPage(nextPage);
    router.replace(`${pathname}?status=${nextStatus}&page=${nextPage}`, { scroll: false });
  }

  return (
    <>
      <PageHeader title="Billing" description="Your invoices and payments." />
      <section className="card">
        <div className="toolbar">
          <SegmentedControl label="Invoice status" options={filters} value={status} onChange={(s) => go(s, 1)} />
        </div>
        {invoices.isPending ? (
          <SkeletonLines lines={6} label="Loading invoices" />
        ) : invoices.isError ? (
          <ErrorState title="We could not load your invoices" error={invoices.error} onRetry={() => void invoices.refetch()} retrying={invoices.isFetching} />
        ) : invoices.data.items.length === 0 ? (
          <EmptyState title="No invoices here">{status === 'all' ? 'Your invoices will appear here.' : 'Try another status.'}</EmptyState>
        ) : (
          <div className={invoices.isPlaceholderData ? 'is-updating' : undefined}>
            <InvoiceTable accountId={accountId} invoices={invoices.data.items} />
            <Pagination page={invoices.data.page} onChange={(p) => go(status, p)} busy={invoices.isFetching} />
          </div>
        )}
      </section>
    </>
  );
}
