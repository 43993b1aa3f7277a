'use client';

import { useEffect, type ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { authKeys } from '@/features/auth/api/keys';
import { NotAllowed } from '@/components/ui/not-allowed';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { accountPermissions, SECTION_PERMISSION } from '@/lib/permissions';
import { useRealtimeAccount } from '@/lib/realtime';
import { AccountSwitcher } from './account-switcher';
import { ConnectionIndicator } from './connection-indicator';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { ShellFrame } from './shell-frame';

const SECTIONS: readonly { slug: string; label: string; permission?: Permission }[] = [
  { slug: 'dashboard', label: 'Dashboard' },
  { slug: 'dashboards', label: 'Dashboards' },
  { slug: 'usage', label: 'Usage', permission: 'usage:read' },
  { slug: 'billing', label: 'Billing', permission: 'billing:read' },
  { slug: 'services', label: 'Services', permission: 'subscriptions:read' },
  { slug: 'domains', label: 'Domains', permission: 'subscriptions:read' },
  { slug: 'support', label: 'Support', permission: 'support:read' },
  { slug: 'users', label: 'Users', permission: 'members:read' },
  { slug: 'audit', label: 'Audit log', permission: 'audit:read' },
  { slug: 'settings', label: 'Settings' },
];

/** What a section holds, for the "not available with your role" page. */
const SECTION_WHAT: Readonly<Record<string, string>> = {
  usage: 'usage',
  billing: 'invoices and payments',
  services: 'services',
  domains: 'domains',
  support: 'support cases',
  'support/new': 'opening support cases',
  users: 'the list of users',
  audit: 'the audit log',
};

/** Tells the BFF which account the user opened, so `/` and the next sign-in return to it (once per account). */
function useRememberAccount(accountId: string, me: Me | undefined, isMember: boolean): void {
  const queryClient = useQueryClient();
  const last = me?.lastAccountId;
  useEffect(() => {
    if (!isMember || last === accountId) return;
    browserApiClient
      .send('/api/v1/me/last-account', { method: 'PUT', body: { accountId } })
      .then(() => queryClient.setQueryData<Me>(authKeys.me(), (old) => (old ? { ...old, lastAccountId: accountId } : old)))
      .catch(() => undefined);
  }, [accountId, isMember, last, queryClient]);
}

/** Header (brand, account switcher, live indicator, user menu), section navigation and the page. */
export function AppShell({ accountId, children }: { accountId: string; children: ReactNode }) {
  const pathname = usePathname();
  const me = useQuery(meQuery(browserApiClient));
  useRealtimeAccount(accountId);
  const membership = me.data?.memberships.find((m) => m.accountId === accountId);
  const section = pathname.split('/')[2] ?? 'dashboard';
  const noAccess = me.isSuccess && !membership;
  const permissions = accountPermissions(me.data, accountId);
  const sectionKey = section === 'support' && pathname.split('/')[3] === 'new' ? 'support/new' : section;
  const sectionPermission = sectionKey === 'support/new' ? 'support:write' : SECTION_PERMISSION[section];
  const sectionForbidden = membership !== undefined && sectionPermission !== undefined && !permissions.can(sectionPermission);
  useRememberAccount(accountId, me.data, membership !== undefined);
  // The account requires two-factor and this member has not set it up: only the settings page is usable.
  const mustEnrol = membership?.mfaRequired === true && me.data?.user.mfaEnabled === false && section !== 'settings';

  return (
    <ShellFrame
      home={accountPagePath(accountId, 'dashboard')}
      homeLabel="Portico home"
      account={<AccountSwitcher accountId={accountId} memberships={me.data?.memberships ?? []} section={section} />}
      extras={
        <>
          <ConnectionIndicator />
          {membership ? <NotificationBell accountId={accountId} /> : null}
        </>
      }
      me={me.data}
      navLabel="Sections"
      tabs={SECTIONS.filter((s) => s.permission === undefined || permissions.can(s.permission)).map((s) => ({
        href: accountPagePath(accountId, s.slug),
        label: s.label,
        active: section === s.slug,
      }))}
    >
      {noAccess ? (
        <div className="card">
          <h1 className="page-header__title">No access to this account</h1>
          <p className="muted">You are not a member of this account. Choose one of your accounts above.</p>
        </div>
      ) : mustEnrol ? (
        <div className="card" data-testid="mfa-enrol-required">
          <h1 className="page-header__title">Set up two-factor authentication</h1>
          <p className="muted">{membership.accountName} requires two-factor authentication of every member.</p>
          <Link className="button button--primary" href={accountPagePath(accountId, 'settings')}>
            Set it up now
          </Link>
        </div>
      ) : sectionForbidden ? (
        <NotAllowed accountId={accountId} what={SECTION_WHAT[sectionKey] ?? 'this page'} />
      ) : (
        children
      )}
    </ShellFrame>
  );
}
