'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { Invoice } from '@portico/domain';
import { accountPagePath } from '@/lib/account-paths';
import { formatDate, formatMoney } from '@/lib/format';
import { InvoiceStatusBadge } from './status-badges';

/** Invoices as a table; below 640 px each row becomes a card (CSS `data-label`s). */
export function InvoiceTable({ accountId, invoices }: { accountId: string; invoices: Invoice[] }) {
  const router = useRouter();
  const href = (id: string) => accountPagePath(accountId, 'billing', id);
  return (
    <table className="table table--cards" data-testid="invoice-table">
      <thead>
        <tr>
          <th scope="col">Invoice</th>
          <th scope="col">Issued</th>
          <th scope="col">Due</th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col" className="num">
            Balance
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((inv) => (
          <tr key={inv.id} className="row-link" data-invoice-id={inv.id} onClick={() => router.push(href(inv.id))}>
            <td data-label="Invoice" className="cell-title">
              <Link className="link strong" href={href(inv.id)} onClick={(e) => e.stopPropagation()}>
                #{inv.number}
              </Link>
            </td>
            <td data-label="Issued" className="hide-sm">{formatDate(inv.issuedOn)}</td>
            <td data-label="Due">{formatDate(inv.dueOn)}</td>
            <td data-label="Total" className="num">
              {formatMoney(inv.total)}
            </td>
            <td data-label="Balance" className="num hide-sm">
              {formatMoney(inv.balance)}
            </td>
            <td data-label="Status">
              <InvoiceStatusBadge status={inv.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
