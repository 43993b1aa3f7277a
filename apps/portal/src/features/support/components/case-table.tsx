'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { SupportCase } from '@portico/domain';
import { accountPagePath } from '@/lib/account-paths';
import { useFormat } from '@/lib/use-format';
import { CasePriorityBadge, CaseStatusBadge } from './case-badges';

/** Cases as a table; below 640 px each row becomes a card. */
export function CaseTable({ accountId, cases }: { accountId: string; cases: SupportCase[] }) {
  const router = useRouter();
  const t = useTranslations('support.table');
  const f = useFormat();
  const href = (id: string) => accountPagePath(accountId, 'support', id);
  return (
    <table className="table table--cards" data-testid="case-table">
      <thead>
        <tr>
          <th scope="col">{t('subject')}</th>
          <th scope="col">{t('number')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('priority')}</th>
          <th scope="col">{t('opened')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} className="row-link" onClick={() => router.push(href(c.id))}>
            <td data-label={t('subject')} className="cell-title">
              <Link className="link strong" href={href(c.id)} onClick={(e) => e.stopPropagation()}>
                {c.subject}
              </Link>
            </td>
            <td data-label={t('number')}>#{c.number}</td>
            <td data-label={t('status')}>
              <CaseStatusBadge status={c.status} />
            </td>
            <td data-label={t('priority')}>
              <CasePriorityBadge priority={c.priority} />
            </td>
            <td data-label={t('opened')}>
              <time dateTime={c.createdAt} suppressHydrationWarning>
                {f.dateTime(c.createdAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
