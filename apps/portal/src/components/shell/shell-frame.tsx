'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import type { Me } from '@portico/domain';
import { UserMenu } from './user-menu';

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
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <Link href={home} className="brand">
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            {/* The name says where the link goes ("Portico home") and begins with the visible word (WCAG 2.5.3). */}
            <span className="brand__name" aria-hidden="true">
              Portico
            </span>
            <span className="visually-hidden">{homeLabel}</span>
          </Link>
          <div className="topbar__account">{account}</div>
          <div className="topbar__right">
            {extras}
            {me ? (
              <UserMenu user={me.user} platformAdmin={me.platformAdmin} />
            ) : (
              <span className="avatar avatar--placeholder" aria-hidden="true" />
            )}
          </div>
        </div>
        <nav className="tabs" aria-label={navLabel}>
          <div className="tabs__inner">
            {tabs.map((t) => (
              <Link
                key={t.href}
                href={t.href}
                className={`tabs__item${t.active ? ' tabs__item--active' : ''}`}
                aria-current={t.active ? 'page' : undefined}
              >
                {t.label}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </div>
  );
}
