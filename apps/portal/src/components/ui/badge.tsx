import type { ReactNode } from 'react';
import { cx } from '@/lib/cx';
import styles from './badge.module.css';

/** Colour family of a badge. */
export type BadgeTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** A small status pill. Colour is never the only signal: the text always says the status. */
export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={cx(styles.badge, styles[tone])} title={title} data-testid="status-badge">
      {children}
    </span>
  );
}
