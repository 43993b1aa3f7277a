'use client';

import { useTranslations } from 'next-intl';
import type { PageInfo } from '@portico/domain';
import { cx } from '@/lib/cx';
import styles from './pagination.module.css';
import buttonStyles from './button.module.css';

/** Previous / next paging with "21–40 of 57". */
export function Pagination({
  page,
  onChange,
  busy = false,
}: {
  page: PageInfo;
  onChange: (page: number) => void;
  busy?: boolean;
}) {
  const t = useTranslations('common');
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  return (
    <nav className={styles.pagination} aria-label={t('pagination')}>
      <span className={styles.summary} aria-live="polite">
        {page.total === 0 ? t('noResults') : t('range', { first, last, total: page.total })}
      </span>
      <div className={styles.buttons}>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={() => onChange(page.page - 1)}
          disabled={busy || page.page <= 1}
        >
          {t('previous')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={() => onChange(page.page + 1)}
          disabled={busy || page.page >= pages}
        >
          {t('next')}
        </button>
      </div>
    </nav>
  );
}
