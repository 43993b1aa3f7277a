'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { SupportCase } from '@portico/domain';
import { accountPagePath } from '@/lib/account-paths';
import { formatDateTime } from '@/lib/format';
import { CasePriorityBadge, CaseStatusBadge } from './case-badges';

/** Cases as a table; below 640 px each row becomes a card. */
export function CaseTable({ accountId, cases }: { accountId: string; cases: SupportCase[] }) {
  const router = useRouter();
  const href = (id: string) => accountPagePath(accountId, 'support', id);
  return (
    <table className="table table--cards" data-testid="case-table">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Number</th>
          <th scope="col">Status</th>
          <th scope="col">Priority</th>
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} className="row-link" onClick={() => router.push(href(c.id))}>
            <td data-label="Subject" className="cell-title">
              <Link className="link strong" href={href(c.id)} onClick={(e) => e.stopPropagation()}>
                {c.subject}
              </Link>
            </td>
            <td data-label="Number">#{c.number}</td>
            <td data-label="Status">
              <CaseStatusBadge status={c.status} />
            </td>
            <td data-label="Priority">
              <CasePriorityBadge priority={c.priority} />
            </td>
            <td data-label="Opened">
              <time dateTime={c.createdAt} suppressHydrationWarning>
                {formatDateTime(c.createdAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
