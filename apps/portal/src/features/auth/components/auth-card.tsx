import type { ReactNode } from 'react';
import { PreferenceSwitchers } from '@/components/shell/preference-switchers';
import { cx } from '@/lib/cx';
import styles from './auth-card.module.css';
import brandStyles from '@/components/shell/brand.module.css';
import preferencesStyles from '@/components/shell/preference-switchers.module.css';

/**
 * The centred card of the signed-out pages (sign-in, forgot and reset password, invite). `title` and `subtitle` head
 * the card when given (a page whose heading changes with its state, like the invite, renders its own); `footer` goes
 * below the card.
 */
export function AuthCard({
  title,
  subtitle,
  footer,
  children,
}: {
  title?: string;
  subtitle?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main id="main" className={styles.page}>
      <div className={styles.card}>
        <div className={cx(brandStyles.brand, brandStyles.large)}>
          <span className={brandStyles.mark} aria-hidden="true">
            P
          </span>
          <span className={brandStyles.name}>Portico</span>
        </div>
        {title ? <h1 className={styles.title}>{title}</h1> : null}
        {subtitle ? <p className={cx('muted', styles.subtitle)}>{subtitle}</p> : null}
        {children}
      </div>
      {footer}
      <PreferenceSwitchers className={preferencesStyles.inline} />
    </main>
  );
}
