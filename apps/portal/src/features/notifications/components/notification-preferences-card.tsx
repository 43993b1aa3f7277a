'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useSaveNotificationPreferences } from '@/features/notifications/api/notifications';
import { notificationPreferencesQuery } from '@/features/notifications/api/notifications.queries';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import styles from './notification-preferences-card.module.css';
import fieldStyles from '@/components/ui/field.module.css';

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
    <section className={cardStyles.card} aria-labelledby="notification-prefs-title">
      <h2 className={cardStyles.title} id="notification-prefs-title">
        {t('title')}
      </h2>
      <p className="muted small">{t('body', { account: accountName })}</p>
      {prefs.isPending ? (
        <SkeletonLines lines={3} label={t('loading')} />
      ) : prefs.isError ? (
        <p className={cx(alertStyles.alert, alertStyles.danger)}>{t('loadFailed')}</p>
      ) : (
        <ul className={styles.toggles} data-testid="notification-preferences">
          {prefs.data.items.map((p) => (
            <li key={p.kind}>
              <label className={fieldStyles.toggle}>
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
        <p className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {errorText(save.error)}
        </p>
      ) : null}
    </section>
  );
}
