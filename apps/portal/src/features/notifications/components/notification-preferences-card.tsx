'use client';

import { useQuery } from '@tanstack/react-query';
import {
  notificationPreferencesQuery,
  useSaveNotificationPreferences,
} from '@/features/notifications/api/notifications';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { NOTIFICATION_KIND_LABEL } from './notification-labels';

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
  return (
    <section className="card" aria-labelledby="notification-prefs-title">
      <h2 className="card__title" id="notification-prefs-title">
        Email notifications
      </h2>
      <p className="muted small">
        Alerts of {accountName} always appear under the bell. Choose which ones also reach you by email.
      </p>
      {prefs.isPending ? (
        <SkeletonLines lines={3} label="Loading email settings" />
      ) : prefs.isError ? (
        <p className="alert alert--danger">We could not load your email settings.</p>
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
                <span>{NOTIFICATION_KIND_LABEL[p.kind]}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {save.isError ? (
        <p className="alert alert--danger" role="alert">
          {save.error.message}
        </p>
      ) : null}
    </section>
  );
}
