'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  notificationPreferencesQuery,
  useSaveNotificationPreferences,
} from '@/features/notifications/api/notifications';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { useErrorText } from '@/lib/use-error-text';

/** Per kind of notification the member's role receives: also send an email (saved at once). */
export function NotificationPreferencesCard({
  accountId,
  accountName,
}: {
  accountId: string;
  accountName: string;
}) {
  const prefs = useQuery(notificationPreferencesQuery(browserApiClient, accountId));
  const save = useSaveNotificationPreferences(accountId);
  const t = useTranslations('notifications.preferences');
  const errorText = useErrorText();
  return (
    <section className="card" aria-labelledby="notification-prefs-title">
      <h2 className="card__title" id="notification-prefs-title">
        {t('title')}
      </h2>
      <p className="muted small">{t('body', { account: accountName })}</p>
      {prefs.isPending ? (
        <SkeletonLines lines={3} label={t('loading')} />
      ) : prefs.isError ? (
        <p className="alert alert--danger">{t('loadFailed')}</p>
      ) : (
        <ul className="toggles" data-testid="notification-preferences">
          {prefs.data.items.map((p) => (
            <li key={p.kind}>
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={p.email}
                  disabled={save.isPending}
                  onChange={(e) => save.mutate({ items: [{ kind: p.kind, email: e.target.checked }] })}
                />
                <span>{t(`kind.${p.kind}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {save.isError ? (
        <p className="alert alert--danger" role="alert">
          {errorText(save.error)}
        </p>
      ) : null}
    </section>
  );
}
