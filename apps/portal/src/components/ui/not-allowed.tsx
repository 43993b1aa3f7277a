'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { accountPagePath } from '@/lib/account-paths';

/** A page the member's role does not open: says so plainly and leads back to the dashboard. */
export function NotAllowed({ accountId, what }: { accountId: string; what: string }) {
  const t = useTranslations('shell');
  return (
    <div className="card not-allowed" role="alert" data-testid="not-allowed">
      <h1 className="page-header__title">{t('notAllowedTitle')}</h1>
      <p className="muted">{t('notAllowedBody', { what })}</p>
      <Link className="button button--secondary" href={accountPagePath(accountId, 'dashboard')}>
        {t('backToDashboard')}
      </Link>
    </div>
  );
}
