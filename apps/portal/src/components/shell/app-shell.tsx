'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { roleHasPermission, type Permission } from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useRealtimeAccount } from '@/lib/realtime';
import { AccountSwitcher } from './account-switcher';
import { ConnectionIndicator } from './connection-indicator';
import { UserMenu } from './user-menu';

/** Sections of an account; one with a `permission` shows only to roles granting it (the BFF enforces it anyway). */
const SECTIONS: readonly { slug: string; label: string; permission?: Permission }[] = [
  { slug: 'dashboard', label: 'Dashboard' },
  { slug: 'usage', label: 'Usage' },
  { slug: 'billing', label: 'Billing' },
  { slug: 'support', label: 'Support' },
  { slug: 'audit', label: 'Audit log', permission: 'audit:read' },
];

/** Header (brand, account switcher, live indicator, user menu), section navigation and the page. */
export function AppShell({ accountId, children }: { accountId: string; children: ReactNode }) {
  const pathname = usePathname();
  const me = useQuery(meQuery(browserApiClient));
  useRealtimeAccount(accountId);
  const membership = me.data?.memberships.find((m) => m.accountId === accountId);
  const section = pathname.split('/')[2] ?? 'dashboard';
  const noAccess = me.isSuccess && !membership;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <Link href={accountPagePath(accountId, 'dashboard')} className="brand" aria-label="Portico home">
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            <span className="brand__name">Portico</span>
          </Link>
          <div className="topbar__account">
            <AccountSwitcher accountId={accountId} memberships={me.data?.memberships ?? []} section={section} />
          </div>
          <div className="topbar__right">
            <ConnectionIndicator />
            {me.data ? <UserMenu user={me.data.user} platformAdmin={me.data.platformAdmin} /> : <span className="avatar avatar--placeholder" aria-hidden="true" />}
          </div>
        </div>
        <nav className="tabs" aria-label="Sections">
          <div className="tabs__inner">
            {SECTIONS.filter((s) => !s.permission || (membership !== undefined && roleHasPermission(membership.role, s.permission))).map((s) => (
              <Link
                key={s.slug}
                href={accountPagePath(accountId, s.slug)}
                className={`tabs__item${section === s.slug ? ' tabs__item--active' : ''}`}
                aria-current={section === s.slug ? 'page' : undefined}
              >
                {s.label}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" className="page">
        {noAccess ? (
          <div className="card">
            <h1 className="page-header__title">No access to this account</h1>
            <p className="muted">You are not a member of this account. Choose one of your accounts above.</p>
          </div>
        ) : (
          children
        )}
      </main>
    </div>
  );
}
