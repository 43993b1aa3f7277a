'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { sessionsQuery } from '@/features/settings/api/settings.queries';
import {
  useRevokeOtherSessionsSecurityMutation,
  useRevokeSessionSecurityMutation,
} from '@/features/settings/api/use-security-mutations';
import { DataTable } from '@/components/ui/data-table';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import blockStyles from '@/features/dashboard/components/dashboard-block.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import tableStyles from '@/components/ui/data-table.module.css';
import badgeStyles from '@/components/ui/badge.module.css';

/** Live sessions (device, IP, started, last seen) with "Sign out" per session and for all others. */
export function SessionsCard() {
  const sessions = useQuery(sessionsQuery(browserApiClient));
  const revoke = useRevokeSessionSecurityMutation();
  const revokeOthers = useRevokeOtherSessionsSecurityMutation();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  const t = useTranslations('settings.sessions');
  const errorText = useErrorText();
  const f = useFormat();
  return (
    <section
      className={cx(cardStyles.card, layoutStyles.spanFull)}
      aria-labelledby="sessions-title"
      data-testid="sessions-card"
    >
      <div className={blockStyles.header}>
        <h2 className={cardStyles.title} id="sessions-title">
          {t('title')}
        </h2>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          disabled={others === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          {t('signOutOthers')}
        </button>
      </div>
      {sessions.isError ? (
        <p className="text-danger">{t('loadFailed', { message: errorText(sessions.error) })}</p>
      ) : null}
      {revoke.isError || revokeOthers.isError ? (
        <p className="text-danger" role="alert">
          {(revoke.error ?? revokeOthers.error)?.message}
        </p>
      ) : null}
      <div className={tableStyles.scroll}>
        <DataTable
          rows={sessions.data ?? []}
          getRowId={(s) => s.id}
          rowProps={() => ({ 'data-testid': 'session-row' })}
          columns={[
            {
              id: 'device',
              header: t('device'),
              cell: (s) => (
                <>
                  {s.device}{' '}
                  {s.current ? (
                    <span className={cx(badgeStyles.badge, badgeStyles.success)}>{t('thisDevice')}</span>
                  ) : null}
                </>
              ),
            },
            { id: 'ip', header: t('ip'), className: 'tabular', cell: (s) => s.ip ?? '—' },
            { id: 'signedIn', header: t('signedIn'), cell: (s) => f.dateTime(s.createdAt) },
            { id: 'lastActive', header: t('lastActive'), cell: (s) => f.dateTime(s.lastSeenAt) },
            {
              id: 'actions',
              header: t('actions'),
              hideHeader: true,
              cell: (s) =>
                s.current ? null : (
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.small)}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(s.id)}
                  >
                    {t.rich('signOut', {
                      device: s.device,
                      hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                    })}
                  </button>
                ),
            },
          ]}
        />
      </div>
    </section>
  );
}
