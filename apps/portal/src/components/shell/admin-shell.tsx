'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '@/features/auth/api/auth.queries';
import { firstDashboardPath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { Badge } from '@/components/ui/badge';
import { ShellFrame } from './shell-frame';

const SECTIONS = [
  { href: '/admin', label: 'Accounts' },
  { href: '/admin/webhook-deliveries', label: 'Webhook deliveries' },
  { href: '/admin/api-keys', label: 'Usage API keys' },
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
    <ShellFrame
      home="/admin"
      homeLabel="Portico administration home"
      account={<Badge tone="neutral">Platform administration</Badge>}
      extras={
        back ? (
          <Link className="link small" href={back}>
            Back to the portal
          </Link>
        ) : null
      }
      me={me.data}
      navLabel="Administration sections"
      tabs={SECTIONS.map((s) => ({ ...s, active: pathname === s.href }))}
    >
      {denied ? (
        <div className="card">
          <h1 className="page-header__title">Page not found</h1>
          <p className="muted">The page you are looking for does not exist or has moved.</p>
        </div>
      ) : (
        children
      )}
    </ShellFrame>
  );
}
