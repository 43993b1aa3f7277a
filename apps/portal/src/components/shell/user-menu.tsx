'use client';

import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '@/components/ui/use-dismiss';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { User } from '@portico/domain';
import { useLogoutAuthMutation } from '@/features/auth/api/use-logout-auth-mutation';
import { PreferenceSwitchers } from './preference-switchers';
import { cx } from '@/lib/cx';
import styles from './user-menu.module.css';
import buttonStyles from '@/components/ui/button.module.css';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (
      (parts[0]?.charAt(0) ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.charAt(0) ?? '') : '')
    ).toUpperCase() || '?'
  );
}

/**
 * Avatar button with a menu holding the user's identity, the way to platform administration (for platform
 * administrators) and "Sign out". Closes on Escape and outside clicks.
 */
export function UserMenu({ user, platformAdmin = false }: { user: User; platformAdmin?: boolean }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const logout = useLogoutAuthMutation();
  const t = useTranslations('shell.userMenu');

  useDismiss(open, close, root, button);

  return (
    <div className={styles.userMenu} ref={root}>
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className={styles.name}>{user.name}</span>
        <span className="visually-hidden">{t('open')}</span>
      </button>
      {open ? (
        <div className={styles.panel} id={menuId}>
          <p className={styles.identity}>
            <span className="strong">{user.name}</span>
            <span className="muted small break">{user.email}</span>
          </p>
          <PreferenceSwitchers signedIn />
          {platformAdmin ? (
            <Link
              className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.block, styles.action)}
              href="/admin"
              onClick={() => setOpen(false)}
            >
              {t('platformAdmin')}
            </Link>
          ) : null}
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.block, styles.action)}
            disabled={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, {
                onSettled: () => window.location.assign('/login'),
              })
            }
          >
            {logout.isPending ? t('signingOut') : t('signOut')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
