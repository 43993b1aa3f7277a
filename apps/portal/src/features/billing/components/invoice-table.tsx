'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Invoice } from '@portico/domain';
import { accountPagePath } from '@/lib/account-paths';
import { useFormat } from '@/lib/use-format';
import { InvoiceStatusBadge } from './status-badges';

/** Invoices as a table; below 640 px each row becomes a card (CSS `data-label`s). */
export function InvoiceTable({ accountId, invoices }: { accountId: string; invoices: Invoice[] }) {
  const router = useRouter();
  const t = useTranslations('billing.table');
  const f = useFormat();
  const href = (id: string) => accountPagePath(accountId, 'billing', id);
  return (
    <table className="table table--cards" data-testid="invoice-table">
      <thead>
        <tr>
          <th scope="col">{t('invoice')}</th>
          <th scope="col">{t('issued')}</th>
          <th scope="col">{t('due')}</th>
          <th scope="col" className="num">
            {t('total')}
          </th>
          <th scope="col" className="num">
            {t('balance')}
          </th>
          <th scope="col">{t('status')}</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((inv) => (
          <tr
            key={inv.id}
            className="row-link"
            data-invoice-id={inv.id}
            onClick={() => router.push(href(inv.id))}
          >
            <td data-label={t('invoice')} className="cell-title">
              <Link className="link strong" href={href(inv.id)} onClick={(e) => e.stopPropagation()}>
                #{inv.number}
              </Link>
            </td>
            <td data-label={t('issued')} className="hide-sm">
              {f.date(inv.issuedOn)}
            </td>
            <td data-label={t('due')}>{f.date(inv.dueOn)}</td>
            <td data-label={t('total')} className="num">
              {f.money(inv.total)}
            </td>
            <td data-label={t('balance')} className="num hide-sm">
              {f.money(inv.balance)}
            </td>
            <td data-label={t('status')}>
              <InvoiceStatusBadge status={inv.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
