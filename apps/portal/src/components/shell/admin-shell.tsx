'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '@/features/auth/api/auth.queries';
import { useSavedLocale } from '@/i18n/use-saved-locale';
import { firstDashboardPath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { Badge } from '@/components/ui/badge';
import { ShellFrame } from './shell-frame';
import cardStyles from '@/components/ui/card.module.css';
import pageHeaderStyles from '@/components/ui/page-header.module.css';

const SECTIONS = [
  { href: '/admin', key: 'accounts' },
  { href: '/admin/webhook-deliveries', key: 'webhooks' },
  { href: '/admin/api-keys', key: 'apiKeys' },
] as const;

/**
 * Header and navigation of the platform administration area (`/admin`). Shown only to platform administrators; the
 * BFF answers 404 to anyone else, and so does this shell.
 */
export function AdminShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const t = useTranslations('admin');
  const tShell = useTranslations('shell');
  const tNotFound = useTranslations('notFound');
  const me = useQuery(meQuery(browserApiClient));
  useSavedLocale(me.data);
  const denied = me.isSuccess && !me.data.platformAdmin;
  const back = me.data ? firstDashboardPath({ memberships: me.data.memberships }) : null;

  return (
    <ShellFrame
      home="/admin"
      homeLabel={t('home')}
      account={<Badge tone="neutral">{t('badge')}</Badge>}
      extras={
        back ? (
          <Link className="link small" href={back}>
            {t('back')}
          </Link>
        ) : null
      }
      me={me.data}
      navLabel={tShell('adminSections')}
      tabs={SECTIONS.map((s) => ({ href: s.href, label: t(`nav.${s.key}`), active: pathname === s.href }))}
    >
      {denied ? (
        <div className={cardStyles.card}>
          <h1 className={pageHeaderStyles.title}>{tNotFound('title')}</h1>
          <p className="muted">{tNotFound('body')}</p>
        </div>
      ) : (
        children
      )}
    </ShellFrame>
  );
}
