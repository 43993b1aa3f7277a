'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Invoice } from '@portico/domain';
import { DataTable } from '@/components/ui/data-table';
import { accountPagePath } from '@/lib/account-paths';
import { useFormat } from '@/lib/use-format';
import { InvoiceStatusBadge } from './status-badges';
import tableStyles from '@/components/ui/data-table.module.css';

/** Invoices as a table; below 640 px each row becomes a card (CSS `data-label`s). A row opens its invoice. */
export function InvoiceTable({ accountId, invoices }: { accountId: string; invoices: Invoice[] }) {
  const router = useRouter();
  const t = useTranslations('billing.table');
  const f = useFormat();
  const href = (id: string) => accountPagePath(accountId, 'billing', id);
  return (
    <DataTable
      rows={invoices}
      getRowId={(inv) => inv.id}
      cards
      data-testid="invoice-table"
      rowProps={(inv) => ({ 'data-invoice-id': inv.id })}
      onRowClick={(inv) => router.push(href(inv.id))}
      columns={[
        {
          id: 'invoice',
          header: t('invoice'),
          className: tableStyles.cellTitle,
          cell: (inv) => (
            <Link className="link strong" href={href(inv.id)}>
              #{inv.number}
            </Link>
          ),
        },
        {
          id: 'issued',
          header: t('issued'),
          className: tableStyles.hideSm,
          cell: (inv) => f.date(inv.issuedOn),
        },
        { id: 'due', header: t('due'), cell: (inv) => f.date(inv.dueOn) },
        { id: 'total', header: t('total'), numeric: true, cell: (inv) => f.money(inv.total) },
        {
          id: 'balance',
          header: t('balance'),
          numeric: true,
          className: tableStyles.hideSm,
          cell: (inv) => f.money(inv.balance),
        },
        { id: 'status', header: t('status'), cell: (inv) => <InvoiceStatusBadge status={inv.status} /> },
      ]}
    />
  );
}
