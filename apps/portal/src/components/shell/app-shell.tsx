'use client';

import { useEffect, type ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Me, Permission } from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { authKeys } from '@/features/auth/api/keys';
import { NotAllowed } from '@/components/ui/not-allowed';
import { useSavedLocale } from '@/i18n/use-saved-locale';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { accountPermissions, SECTION_PERMISSION } from '@/lib/permissions';
import { useRealtimeAccount } from '@/lib/realtime';
import { AccountSwitcher } from './account-switcher';
import { ConnectionIndicator } from './connection-indicator';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { ShellFrame } from './shell-frame';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import pageHeaderStyles from '@/components/ui/page-header.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/** The sections in navigation order; `key` names the label under `shell.nav`. */
const SECTIONS: readonly { slug: string; key: string; permission?: Permission }[] = [
  { slug: 'dashboard', key: 'dashboard' },
  { slug: 'dashboards', key: 'dashboards' },
  { slug: 'usage', key: 'usage', permission: 'usage:read' },
  { slug: 'billing', key: 'billing', permission: 'billing:read' },
  { slug: 'services', key: 'services', permission: 'subscriptions:read' },
  { slug: 'domains', key: 'domains', permission: 'subscriptions:read' },
  { slug: 'support', key: 'support', permission: 'support:read' },
  { slug: 'users', key: 'users', permission: 'members:read' },
  { slug: 'audit', key: 'audit', permission: 'audit:read' },
  { slug: 'settings', key: 'settings' },
];

/** What a section holds, for the "not available with your role" page: the key under `shell.what`. */
const SECTION_WHAT: Readonly<Record<string, string>> = {
  usage: 'usage',
  billing: 'billing',
  services: 'services',
  domains: 'domains',
  support: 'support',
  'support/new': 'supportNew',
  users: 'users',
  audit: 'audit',
};

/** Tells the BFF which account the user opened, so `/` and the next sign-in return to it (once per account). */
function useRememberAccount(accountId: string, me: Me | undefined, isMember: boolean): void {
  const queryClient = useQueryClient();
  const last = me?.lastAccountId;
  useEffect(() => {
    if (!isMember || last === accountId) return;
    browserApiClient
      .send('/api/v1/me/last-account', { method: 'PUT', body: { accountId } })
      .then(() =>
        queryClient.setQueryData<Me>(authKeys.me(), (old) =>
          old ? { ...old, lastAccountId: accountId } : old,
        ),
      )
      .catch(() => undefined);
  }, [accountId, isMember, last, queryClient]);
}

/** Header (brand, account switcher, live indicator, user menu), section navigation and the page. */
export function AppShell({ accountId, children }: { accountId: string; children: ReactNode }) {
  const pathname = usePathname();
  const t = useTranslations('shell');
  const me = useQuery(meQuery(browserApiClient));
  useRealtimeAccount(accountId);
  useSavedLocale(me.data);
  const membership = me.data?.memberships.find((m) => m.accountId === accountId);
  const section = pathname.split('/')[2] ?? 'dashboard';
  const noAccess = me.isSuccess && !membership;
  const permissions = accountPermissions(me.data, accountId);
  const sectionKey = section === 'support' && pathname.split('/')[3] === 'new' ? 'support/new' : section;
  const sectionPermission = sectionKey === 'support/new' ? 'support:write' : SECTION_PERMISSION[section];
  const sectionForbidden =
    membership !== undefined && sectionPermission !== undefined && !permissions.can(sectionPermission);
  useRememberAccount(accountId, me.data, membership !== undefined);
  // The account requires two-factor and this member has not set it up: only the settings page is usable.
  const mustEnrol =
    membership?.mfaRequired === true && me.data?.user.mfaEnabled === false && section !== 'settings';

  return (
    <ShellFrame
      home={accountPagePath(accountId, 'dashboard')}
      homeLabel={t('home')}
      account={
        <AccountSwitcher accountId={accountId} memberships={me.data?.memberships ?? []} section={section} />
      }
      extras={
        <>
          <ConnectionIndicator />
          {membership ? <NotificationBell accountId={accountId} /> : null}
        </>
      }
      me={me.data}
      navLabel={t('sections')}
      tabs={SECTIONS.filter((s) => s.permission === undefined || permissions.can(s.permission)).map((s) => ({
        href: accountPagePath(accountId, s.slug),
        label: t(`nav.${s.key}`),
        active: section === s.slug,
      }))}
    >
      {noAccess ? (
        <div className={cardStyles.card}>
          <h1 className={pageHeaderStyles.title}>{t('noAccessTitle')}</h1>
          <p className="muted">{t('noAccessBody')}</p>
        </div>
      ) : mustEnrol ? (
        <div className={cardStyles.card} data-testid="mfa-enrol-required">
          <h1 className={pageHeaderStyles.title}>{t('mfaTitle')}</h1>
          <p className="muted">{t('mfaBody', { account: membership.accountName })}</p>
          <Link
            className={cx(buttonStyles.button, buttonStyles.primary)}
            href={accountPagePath(accountId, 'settings')}
          >
            {t('mfaAction')}
          </Link>
        </div>
      ) : sectionForbidden ? (
        <NotAllowed accountId={accountId} what={t(`what.${SECTION_WHAT[sectionKey] ?? 'fallback'}`)} />
      ) : (
        children
      )}
    </ShellFrame>
  );
}
