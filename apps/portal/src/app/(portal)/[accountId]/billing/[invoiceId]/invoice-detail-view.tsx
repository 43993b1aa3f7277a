'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { invoiceDetailQuery } from '@/features/billing/api/billing.queries';
import { InvoiceStatusBadge } from '@/features/billing/components/status-badges';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient, isApiError } from '@/lib/api-client';
import { formatCode, formatDate, formatDateTime, formatMoney } from '@/lib/format';

/** One invoice: header facts, line items, totals and payments. */
export function InvoiceDetailView({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const invoice = useQuery(invoiceDetailQuery(browserApiClient, accountId, invoiceId));
  const back = (
    <Link className="back-link" href={accountPagePath(accountId, 'billing')}>
      ← All invoices
    </Link>
  );
  if (invoice.isPending) {
    return (
      <>
        {back}
        <section className="card">
          <SkeletonLines lines={8} label="Loading invoice" />
        </section>
      </>
    );
  }
  if (invoice.isError) {
    const notFound = isApiError(invoice.error) && invoice.error.status === 404;
    return (
      <>
        {back}
        <ErrorState
          title={notFound ? 'Invoice not found' : 'We could not load this invoice'}
          error={invoice.error}
          onRetry={notFound ? undefined : () => void invoice.refetch()}
          retrying={invoice.isFetching}
        />
      </>
    );
  }
  const inv = invoice.data;
  const totals = [
    { label: 'Subtotal', amount: inv.subtotal },
    { label: 'Tax', amount: inv.tax },
    { label: 'Total', amount: inv.total },
    { label: 'Balance due', amount: inv.balance },
  ];
  return (
    <>
      {back}
      <div className="page-header">
        <div>
          <h1 className="page-header__title">
            Invoice #{inv.number} <InvoiceStatusBadge status={inv.status} />
          </h1>
          <p className="page-header__description">
            Issued {formatDate(inv.issuedOn)} · Due {formatDate(inv.dueOn)}
            {inv.paidAt ? ` · Paid ${formatDateTime(inv.paidAt)}` : ''}
          </p>
        </div>
        <div className="page-header__actions">
          <div className="amount-due">
            <span className="muted small">{inv.balance.amountMinor > 0 ? 'Amount due' : 'Total'}</span>
            <span className="amount-due__value">{formatMoney(inv.balance.amountMinor > 0 ? inv.balance : inv.total)}</span>
          </div>
        </div>
      </div>

      <section className="card" aria-labelledby="items-title">
        <h2 className="card__title" id="items-title">
          Items
        </h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Invoice items">
          <table className="table" data-testid="line-items">
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {inv.lineItems.map((item) => (
                <tr key={item.id}>
                  <td className="pre-line">{item.description}</td>
                  <td>{formatCode(item.type)}</td>
                  <td className="num">{formatMoney(item.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {totals.map((row) => (
                <tr key={row.label} className={row.label === 'Total' ? 'table__total' : undefined}>
                  <th scope="row" colSpan={2}>
                    {row.label}
                  </th>
                  <td className={row.label === 'Balance due' ? 'num strong' : 'num'}>{formatMoney(row.amount)}</td>
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="payments-title">
        <h2 className="card__title" id="payments-title">
          Payments
        </h2>
        {inv.payments.length === 0 ? (
          <p className="muted">No payments recorded yet.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Payments">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Method</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {inv.payments.map((p) => (
                  <tr key={p.id}>
                    <td>{formatDateTime(p.at)}</td>
                    <td>{formatCode(p.gateway)}</td>
                    <td className="num">{formatMoney(p.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {inv.notes ? <p className="notes pre-line">{inv.notes}</p> : null}
      </section>
    </>
  );
}
