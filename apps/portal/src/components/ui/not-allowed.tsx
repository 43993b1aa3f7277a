'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { accountPagePath } from '@/lib/account-paths';
import { cx } from '@/lib/cx';
import cardStyles from './card.module.css';
import styles from './not-allowed.module.css';
import pageHeaderStyles from './page-header.module.css';
import buttonStyles from './button.module.css';

/** A page the member's role does not open: says so plainly and leads back to the dashboard. */
export function NotAllowed({ accountId, what }: { accountId: string; what: string }) {
  const t = useTranslations('shell');
  return (
    <div className={cx(cardStyles.card, styles.notAllowed)} role="alert" data-testid="not-allowed">
      <h1 className={pageHeaderStyles.title}>{t('notAllowedTitle')}</h1>
      <p className="muted">{t('notAllowedBody', { what })}</p>
      <Link
        className={cx(buttonStyles.button, buttonStyles.secondary)}
        href={accountPagePath(accountId, 'dashboard')}
      >
        {t('backToDashboard')}
      </Link>
    </div>
  );
}
