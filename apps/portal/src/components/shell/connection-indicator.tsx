'use client';

import { useTranslations } from 'next-intl';
import { useConnectionState } from '@/lib/realtime';
import styles from './connection-indicator.module.css';
import { cx } from '@/lib/cx';

/** Live-update status, announced politely to screen readers when it changes. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const t = useTranslations('shell.connection');
  const description = t(`${state}Description`);
  return (
    <span
      className={cx(styles.connection, styles[state])}
      data-testid="connection"
      data-state={state}
      title={description}
      role="status"
      aria-live="polite"
    >
      <span className={styles.dot} aria-hidden="true" />
      <span>{t(state)}</span>
      <span className="visually-hidden">{description}</span>
    </span>
  );
}
