'use client';

import { useQuery } from '@tanstack/react-query';
import { sessionsQuery } from '@/features/security/api/security.queries';
import {
  useRevokeOtherSessionsSecurityMutation,
  useRevokeSessionSecurityMutation,
} from '@/features/security/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';

/** Live sessions (device, IP, started, last seen) with "Sign out" per session and for all others. */
export function SessionsCard() {
  const sessions = useQuery(sessionsQuery(browserApiClient));
  const revoke = useRevokeSessionSecurityMutation();
  const revokeOthers = useRevokeOtherSessionsSecurityMutation();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <section className="card span-full" aria-labelledby="sessions-title" data-testid="sessions-card">
      <div className="block__header">
        <h2 className="card__title" id="sessions-title">
          Sessions
        </h2>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={others === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          Sign out all other sessions
        </button>
      </div>
      {sessions.isError ? (
        <p className="text-danger">Could not load your sessions: {sessions.error.message}</p>
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
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(sessions.data ?? []).map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td>
                  {s.device} {s.current ? <span className="badge badge--success">This device</span> : null}
                </td>
                <td className="tabular">{s.ip ?? '—'}</td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? null : (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(s.id)}
                    >
                      Sign out<span className="visually-hidden"> {s.device}</span>
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
