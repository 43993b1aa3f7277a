'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { SupportCase } from '@portico/domain';
import { DataTable } from '@/components/ui/data-table';
import { DateTime } from '@/components/ui/date-time';
import { accountPagePath } from '@/lib/account-paths';
import { CasePriorityBadge, CaseStatusBadge } from './case-badges';
import tableStyles from '@/components/ui/data-table.module.css';

/** Cases as a table; below 640 px each row becomes a card. A row opens its case. */
export function CaseTable({ accountId, cases }: { accountId: string; cases: SupportCase[] }) {
  const router = useRouter();
  const t = useTranslations('support.table');
  const href = (id: string) => accountPagePath(accountId, 'support', id);
  return (
    <DataTable
      rows={cases}
      getRowId={(c) => c.id}
      cards
      data-testid="case-table"
      onRowClick={(c) => router.push(href(c.id))}
      columns={[
        {
          id: 'subject',
          header: t('subject'),
          className: tableStyles.cellTitle,
          cell: (c) => (
            <Link className="link strong" href={href(c.id)}>
              {c.subject}
            </Link>
          ),
        },
        { id: 'number', header: t('number'), cell: (c) => `#${c.number}` },
        { id: 'status', header: t('status'), cell: (c) => <CaseStatusBadge status={c.status} /> },
        { id: 'priority', header: t('priority'), cell: (c) => <CasePriorityBadge priority={c.priority} /> },
        {
          id: 'opened',
          header: t('opened'),
          cell: (c) => <DateTime at={c.createdAt} />,
        },
      ]}
    />
  );
}
