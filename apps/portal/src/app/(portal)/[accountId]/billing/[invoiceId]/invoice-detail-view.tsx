'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import type { Money } from '@portico/domain';
import { invoiceDetailQuery } from '@/features/billing/api/billing.queries';
import { HandoffError } from '@/features/billing/components/handoff-error';
import { InvoiceStatusBadge } from '@/features/billing/components/status-badges';
import { useBillingHandoff } from '@/features/billing/hooks/use-billing-handoff';
import { Freshness } from '@/features/status/components/freshness';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath, accountPagePath } from '@/lib/account-paths';
import { browserApiClient, isApiError } from '@/lib/api-client';
import { formatCode, formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { useAccountPermissions } from '@/lib/use-account-permissions';

const PAYABLE = new Set(['unpaid', 'overdue', 'collections', 'payment_pending']);

/** One invoice: header facts, line items, totals that add up (tax levels, credit), payments, PDF and pay. */
export function InvoiceDetailView({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const invoice = useQuery(invoiceDetailQuery(browserApiClient, accountId, invoiceId));
  const permissions = useAccountPermissions(accountId);
  const pay = useBillingHandoff(accountId, ['invoices', invoiceId, 'payment']);
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
        {/* Every page keeps its level-one heading, also when its data could not be read. */}
        <div className="page-header">
          <h1 className="page-header__title">Invoice</h1>
        </div>
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
  const negative = (m: Money): Money => ({ ...m, amountMinor: -m.amountMinor });
  const totals: Array<{ label: string; amount: Money; kind?: 'total' | 'due' }> = [
    { label: 'Subtotal', amount: inv.subtotal },
    ...inv.taxLines.map((t) => ({
      label: t.ratePercent === null ? `Tax ${t.level}` : `Tax ${t.level} (${t.ratePercent}%)`,
      amount: t.amount,
    })),
    ...(inv.credit.amountMinor !== 0 ? [{ label: 'Credit applied', amount: negative(inv.credit) }] : []),
    { label: 'Total', amount: inv.total, kind: 'total' as const },
    ...inv.payments.map((p) => ({
      label: `Paid ${formatDate(p.at?.slice(0, 10) ?? null)}`,
      amount: negative(p.amount),
    })),
    { label: 'Balance due', amount: inv.balance, kind: 'due' as const },
  ];
  const payable = PAYABLE.has(inv.status) && inv.balance.amountMinor > 0;
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
          <Freshness meta={inv.meta} />
        </div>
        <div className="page-header__actions">
          <div className="amount-due">
            <span className="muted small">{inv.balance.amountMinor > 0 ? 'Amount due' : 'Total'}</span>
            <span className="amount-due__value" data-testid="amount-due">
              {formatMoney(inv.balance.amountMinor > 0 ? inv.balance : inv.total)}
            </span>
          </div>
          <div className="button-row">
            <a
              className="button button--secondary"
              href={accountApiPath(accountId, 'invoices', invoiceId, 'pdf')}
              download
              data-testid="invoice-pdf"
            >
              Download PDF
            </a>
            {payable && permissions.can('billing:pay') ? (
              <button
                type="button"
                className="button button--primary"
                onClick={pay.start}
                disabled={pay.state.kind === 'opening'}
                data-testid="pay-invoice"
              >
                {pay.state.kind === 'opening' ? 'Opening…' : 'Pay now'}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <HandoffError state={pay.state} what="pay this invoice" />
      {pay.state.kind === 'opened' && payable ? (
        <p className="alert alert--info" role="status">
          The payment page opened in a new tab. This page updates by itself once the payment is received.
        </p>
      ) : null}

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
            <tfoot data-testid="invoice-totals">
              {totals.map((row) => (
                <tr key={row.label} className={row.kind === 'total' ? 'table__total' : undefined}>
                  <th scope="row" colSpan={2}>
                    {row.label}
                  </th>
                  <td className={row.kind === 'due' ? 'num strong' : 'num'}>{formatMoney(row.amount)}</td>
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
