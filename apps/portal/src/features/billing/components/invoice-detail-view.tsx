'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Money } from '@portico/domain';
import { invoiceDetailQuery } from '@/features/billing/api/billing.queries';
import { HandoffError } from '@/features/billing/components/handoff-error';
import { InvoiceStatusBadge } from '@/features/billing/components/status-badges';
import { useBillingHandoff } from '@/features/billing/hooks/use-billing-handoff';
import { Freshness } from '@/features/dashboard/components/freshness';
import { DataTable } from '@/components/ui/data-table';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath, accountPagePath } from '@/lib/account-paths';
import { browserApiClient, isApiError } from '@/lib/api-client';
import { formatCode } from '@/lib/format';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useFormat } from '@/lib/use-format';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import pageHeaderStyles from '@/components/ui/page-header.module.css';
import styles from './invoice-detail-view.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import tableStyles from '@/components/ui/data-table.module.css';

const PAYABLE = new Set(['unpaid', 'overdue', 'collections', 'payment_pending']);

/** One invoice: header facts, line items, totals that add up (tax levels, credit), payments, PDF and pay. */
export function InvoiceDetailView({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const invoice = useQuery(invoiceDetailQuery(browserApiClient, accountId, invoiceId));
  const permissions = useAccountPermissions(accountId);
  const pay = useBillingHandoff(accountId, ['invoices', invoiceId, 'payment']);
  const t = useTranslations('billing.invoice');
  const f = useFormat();
  const back = (
    <Link className="back-link" href={accountPagePath(accountId, 'billing')}>
      ← {t('back')}
    </Link>
  );
  if (invoice.isPending) {
    return (
      <>
        {back}
        <section className={cardStyles.card}>
          <SkeletonLines lines={8} label={t('loading')} />
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
        <div className={pageHeaderStyles.pageHeader}>
          <h1 className={pageHeaderStyles.title}>{t('title')}</h1>
        </div>
        <ErrorState
          title={notFound ? t('notFound') : t('loadFailed')}
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
    { label: t('subtotal'), amount: inv.subtotal },
    ...inv.taxLines.map((tax) => ({
      label:
        tax.ratePercent === null
          ? t('tax', { level: tax.level })
          : t('taxRate', { level: tax.level, rate: f.percent(tax.ratePercent / 100, 3) }),
      amount: tax.amount,
    })),
    ...(inv.credit.amountMinor !== 0 ? [{ label: t('credit'), amount: negative(inv.credit) }] : []),
    { label: t('total'), amount: inv.total, kind: 'total' as const },
    ...inv.payments.map((p) => ({
      label: t('paidOn', { date: f.date(p.at?.slice(0, 10) ?? null) }),
      amount: negative(p.amount),
    })),
    { label: t('balanceDue'), amount: inv.balance, kind: 'due' as const },
  ];
  const payable = PAYABLE.has(inv.status) && inv.balance.amountMinor > 0;
  return (
    <>
      {back}
      <div className={pageHeaderStyles.pageHeader}>
        <div>
          <h1 className={pageHeaderStyles.title}>
            {t('heading', { number: inv.number })} <InvoiceStatusBadge status={inv.status} />
          </h1>
          <p className={pageHeaderStyles.description}>
            {t('issuedDue', { issued: f.date(inv.issuedOn), due: f.date(inv.dueOn) })}
            {inv.paidAt ? ` · ${t('paidAt', { at: f.dateTime(inv.paidAt) })}` : ''}
          </p>
          <Freshness meta={inv.meta} className={pageHeaderStyles.freshness} />
        </div>
        <div className={pageHeaderStyles.actions}>
          <div className={styles.amountDue}>
            <span className="muted small">{inv.balance.amountMinor > 0 ? t('amountDue') : t('total')}</span>
            <span className={styles.amountDueValue} data-testid="amount-due">
              {f.money(inv.balance.amountMinor > 0 ? inv.balance : inv.total)}
            </span>
          </div>
          <div className={layoutStyles.buttonRow}>
            <a
              className={cx(buttonStyles.button, buttonStyles.secondary)}
              href={accountApiPath(accountId, 'invoices', invoiceId, 'pdf')}
              download
              data-testid="invoice-pdf"
            >
              {t('downloadPdf')}
            </a>
            {payable && permissions.can('billing:pay') ? (
              <button
                type="button"
                className={cx(buttonStyles.button, buttonStyles.primary)}
                onClick={pay.start}
                disabled={pay.state.kind === 'opening'}
                data-testid="pay-invoice"
              >
                {pay.state.kind === 'opening' ? t('opening') : t('payNow')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <HandoffError state={pay.state} what="payInvoice" />
      {pay.state.kind === 'opened' && payable ? (
        <p className={cx(alertStyles.alert, alertStyles.info)} role="status">
          {t('paymentOpened')}
        </p>
      ) : null}

      <section className={cardStyles.card} aria-labelledby="items-title">
        <h2 className={cardStyles.title} id="items-title">
          {t('items')}
        </h2>
        <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('itemsLabel')}>
          <DataTable
            rows={inv.lineItems}
            getRowId={(item) => item.id}
            data-testid="line-items"
            columns={[
              {
                id: 'description',
                header: t('description'),
                className: 'pre-line',
                cell: (item) => item.description,
              },
              { id: 'type', header: t('type'), cell: (item) => formatCode(item.type) },
              { id: 'amount', header: t('amount'), numeric: true, cell: (item) => f.money(item.amount) },
            ]}
            footerTestId="invoice-totals"
            footer={totals.map((row) => (
              <tr key={row.label} className={row.kind === 'total' ? tableStyles.total : undefined}>
                <th scope="row" colSpan={2}>
                  {row.label}
                </th>
                <td className={row.kind === 'due' ? 'num strong' : 'num'}>{f.money(row.amount)}</td>
              </tr>
            ))}
          />
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="payments-title">
        <h2 className={cardStyles.title} id="payments-title">
          {t('payments')}
        </h2>
        {inv.payments.length === 0 ? (
          <p className="muted">{t('noPayments')}</p>
        ) : (
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('payments')}>
            <DataTable
              rows={inv.payments}
              getRowId={(p) => p.id}
              columns={[
                { id: 'date', header: t('date'), cell: (p) => f.dateTime(p.at) },
                { id: 'method', header: t('method'), cell: (p) => formatCode(p.gateway) },
                { id: 'amount', header: t('amount'), numeric: true, cell: (p) => f.money(p.amount) },
              ]}
            />
          </div>
        )}
        {inv.notes ? <p className={cx(styles.notes, 'pre-line')}>{inv.notes}</p> : null}
      </section>
    </>
  );
}
