'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import type { Me } from '@portico/domain';
import { UserMenu } from './user-menu';
import { cx } from '@/lib/cx';
import styles from './shell-frame.module.css';
import brandStyles from './brand.module.css';
import userMenuStyles from './user-menu.module.css';

/** One tab of the section navigation under the top bar. */
export interface ShellTab {
  href: string;
  label: string;
  active: boolean;
}

/**
 * The frame both areas share (the account portal and `/admin`): the top bar with the brand linking `home`, the
 * area's `account` slot, `extras` before the user menu (a placeholder avatar until `me` loads), the section tabs
 * labelled `navLabel`, and `children` as the main content.
 */
export function ShellFrame({
  home,
  homeLabel,
  account,
  extras,
  me,
  navLabel,
  tabs,
  children,
}: {
  home: string;
  homeLabel: string;
  account: ReactNode;
  extras: ReactNode;
  me: Me | undefined;
  navLabel: string;
  tabs: readonly ShellTab[];
  children: ReactNode;
}) {
  return (
    <div className={styles.shell}>
      <header className={styles.topbar}>
        <div className={styles.topbarInner}>
          <Link href={home} className={brandStyles.brand}>
            <span className={brandStyles.mark} aria-hidden="true">
              P
            </span>
            {/* The name says where the link goes ("Portico home") and begins with the visible word (WCAG 2.5.3). */}
            <span className={brandStyles.name} aria-hidden="true">
              Portico
            </span>
            <span className="visually-hidden">{homeLabel}</span>
          </Link>
          <div className={styles.topbarAccount}>{account}</div>
          <div className={styles.topbarRight}>
            {extras}
            {me ? (
              <UserMenu user={me.user} platformAdmin={me.platformAdmin} />
            ) : (
              <span
                className={cx(userMenuStyles.avatar, userMenuStyles.avatarPlaceholder)}
                aria-hidden="true"
              />
            )}
          </div>
        </div>
        <nav className={styles.tabs} aria-label={navLabel}>
          <div className={styles.tabsInner}>
            {tabs.map((t) => (
              <Link
                key={t.href}
                href={t.href}
                className={cx(styles.tab, t.active && styles.tabActive)}
                aria-current={t.active ? 'page' : undefined}
              >
                {t.label}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" className={styles.page}>
        {children}
      </main>
    </div>
  );
}
