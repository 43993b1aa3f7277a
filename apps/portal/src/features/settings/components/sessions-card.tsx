'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { sessionsQuery } from '@/features/settings/api/settings.queries';
import {
  useRevokeOtherSessionsSecurityMutation,
  useRevokeSessionSecurityMutation,
} from '@/features/settings/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useErrorText } from '@/lib/use-error-text';

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
    <section className="card span-full" aria-labelledby="sessions-title" data-testid="sessions-card">
      <div className="block__header">
        <h2 className="card__title" id="sessions-title">
          {t('title')}
        </h2>
        <button
          type="button"
          className="button button--secondary button--small"
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
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('device')}</th>
              <th scope="col">{t('ip')}</th>
              <th scope="col">{t('signedIn')}</th>
              <th scope="col">{t('lastActive')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(sessions.data ?? []).map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td>
                  {s.device}{' '}
                  {s.current ? <span className="badge badge--success">{t('thisDevice')}</span> : null}
                </td>
                <td className="tabular">{s.ip ?? '—'}</td>
                <td>{f.dateTime(s.createdAt)}</td>
                <td>{f.dateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? null : (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t.rich('signOut', {
                        device: s.device,
                        hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                      })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
