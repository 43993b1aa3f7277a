'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '@/features/auth/api/auth.queries';
import { firstDashboardPath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { UserMenu } from './user-menu';

const SECTIONS = [
  { href: '/admin', label: 'Accounts' },
  { href: '/admin/webhook-deliveries', label: 'Webhook deliveries' },
] as const;

/**
 * Header and navigation of the platform administration area (`/admin`). Shown only to platform administrators; the
 * BFF answers 404 to anyone else, and so does this shell.
 */
export function AdminShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const me = useQuery(meQuery(browserApiClient));
  const denied = me.isSuccess && !me.data.platformAdmin;
  const back = me.data ? firstDashboardPath({ memberships: me.data.memberships }) : null;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <Link href="/admin" className="brand" aria-label="Portico administration home">
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            <span className="brand__name">Portico</span>
          </Link>
          <div className="topbar__account">
            <span className="badge badge--neutral">Platform administration</span>
          </div>
          <div className="topbar__right">
            {back ? (
              <Link className="link small" href={back}>
                Back to the portal
              </Link>
            ) : null}
            {me.data ? <UserMenu user={me.data.user} platformAdmin={me.data.platformAdmin} /> : <span className="avatar avatar--placeholder" aria-hidden="true" />}
          </div>
        </div>
        <nav className="tabs" aria-label="Administration sections">
          <div className="tabs__inner">
            {SECTIONS.map((s) => (
              <Link key={s.href} href={s.href} className={`tabs__item${pathname === s.href ? ' tabs__item--active' : ''}`} aria-current={pathname === s.href ? 'page' : undefined}>
                {s.label}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" className="page">
        {denied ? (
          <div className="card">
            <h1 className="page-header__title">Page not found</h1>
            <p className="muted">The page you are looking for does not exist or has moved.</p>
          </div>
        ) : (
          children
        )}
      </main>
    </div>
  );
}
