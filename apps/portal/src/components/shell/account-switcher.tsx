'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Membership } from '@portico/domain';
import { accountPagePath } from '@/lib/account-paths';
import styles from './account-switcher.module.css';

/** Shows the current account's name and switches to another membership, staying in the same section. */
export function AccountSwitcher({
  accountId,
  memberships,
  section,
}: {
  accountId: string;
  memberships: Membership[];
  section: string;
}) {
  const router = useRouter();
  const t = useTranslations('shell');
  const tr = useTranslations('roles');
  const current = memberships.find((m) => m.accountId === accountId);
  if (memberships.length <= 1) {
    return (
      <div className={styles.accountName}>
        <span className={styles.label}>{t('account')}</span>
        <span className={styles.value} data-testid="account-name">
          {current?.accountName ?? '\u00a0'}
        </span>
      </div>
    );
  }
  return (
    <label className={styles.accountSwitcher}>
      <span className={styles.label}>{t('account')}</span>
      <select
        className={styles.select}
        value={accountId}
        data-testid="account-switcher"
        onChange={(e) => router.push(accountPagePath(e.target.value, section))}
      >
        {memberships.map((m) => (
          <option key={m.accountId} value={m.accountId}>
            {t('accountOption', { name: m.accountName, role: tr(m.role) })}
          </option>
        ))}
      </select>
    </label>
  );
}
