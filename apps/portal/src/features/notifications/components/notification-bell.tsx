'use client';

import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '@/components/ui/use-dismiss';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { useMarkNotificationRead } from '@/features/notifications/api/notifications';
import { notificationsQuery } from '@/features/notifications/api/notifications.queries';
import { useNow } from '@/components/ui/use-now';
import { accountPagePath } from '@/lib/account-paths';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/config';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { cx } from '@/lib/cx';
import styles from './notification-bell.module.css';

/**
 * The bell in the header: the unread count (live: `notification_created` refreshes it), and a panel with the latest
 * notifications, each linking to its page (opening one marks it read), and "Mark all read". Closes on Escape and
 * outside clicks.
 */
export function NotificationBell({ accountId }: { accountId: string }) {
  const locale = useLocale();
  const list = useQuery(
    notificationsQuery(browserApiClient, accountId, isLocale(locale) ? locale : DEFAULT_LOCALE),
  );
  const markRead = useMarkNotificationRead(accountId);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const now = useNow();
  const t = useTranslations('notifications.bell');
  const f = useFormat();
  const unread = list.data?.unreadCount ?? 0;

  useDismiss(open, close, root, button);

  return (
    <div className={styles.bell} ref={root}>
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        data-testid="notification-bell"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="visually-hidden">
          {t('label')}
          {t('unread', { count: unread })}
        </span>
        {unread > 0 ? (
          <span className={styles.count} aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className={styles.panel} id={panelId} role="region" aria-label={t('label')}>
          <div className={styles.head}>
            <span className="strong">{t('label')}</span>
            {unread > 0 ? (
              <button
                type="button"
                className="link small"
                onClick={() => markRead.mutate(null)}
                data-testid="notifications-read-all"
              >
                {t('markAll')}
              </button>
            ) : null}
          </div>
          {list.isPending ? (
            <p className="muted small">{t('loading')}</p>
          ) : list.isError ? (
            <p className="muted small">{t('unavailable')}</p>
          ) : list.data.items.length === 0 ? (
            <p className="muted small">{t('empty')}</p>
          ) : (
            <ul className={styles.list} data-testid="notification-list">
              {list.data.items.map((n) => (
                <li
                  key={n.id}
                  className={cx(styles.item, !n.readAt && styles.unread)}
                  data-read={n.readAt ? 'true' : 'false'}
                >
                  <Link
                    href={accountPagePath(accountId, ...n.link.split('/'))}
                    onClick={() => {
                      if (!n.readAt) markRead.mutate(n.id);
                      setOpen(false);
                    }}
                  >
                    <span className={styles.title}>{n.title}</span>
                    <span className={cx(styles.body, 'small')}>{n.body}</span>
                    <time className="muted small" dateTime={n.createdAt} suppressHydrationWarning>
                      {now === null ? '' : f.relative(n.createdAt, now)}
                    </time>
                  </Link>
                  {!n.readAt ? (
                    <button
                      type="button"
                      className={styles.mark}
                      onClick={() => markRead.mutate(n.id)}
                      aria-label={t('markOne', { title: n.title })}
                    >
                      <span aria-hidden="true">✓</span>
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Link
            className="small link"
            href={accountPagePath(accountId, 'settings')}
            onClick={() => setOpen(false)}
          >
            {t('emailSettings')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
