'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { apiKeyListQuery } from '../api/api-keys.queries';
import { useApiKeyMutations } from '../api/use-api-key-mutations';

/**
 * Usage API keys of metering systems (`POST /api/v1/usage/samples`): create one for an account or platform-wide
 * (its secret is shown once, here), see when each was last used, revoke. Every change is audited by the BFF.
 */
export function ApiKeysView() {
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useQuery(apiKeyListQuery(browserApiClient, showRevoked));
  const accounts = useQuery(adminAccountPageQuery(browserApiClient, { page: 1, pageSize: 100 }));
  const { create, revoke } = useApiKeyMutations();
  const [name, setName] = useState('');
  const [accountId, setAccountId] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), accountId: accountId === '' ? null : accountId, scopes: ['usage:write'] },
      { onSuccess: () => setName('') },
    );
  }

  return (
    <>
      <PageHeader
        title="Usage API keys"
        description="Metering systems send usage samples with these keys (scope usage:write)."
      />
      <section className="card">
        <h2 className="block__title">New key</h2>
        <form className="usage-alert-form" onSubmit={submit} aria-label="New API key">
          <div className="field">
            <label htmlFor="key-name">Name</label>
            <input
              id="key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              placeholder="e.g. Gateway meter"
            />
          </div>
          <div className="field">
            <label htmlFor="key-account">Account</label>
            <select id="key-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              <option value="">Platform-wide (any account, named per sample)</option>
              {accounts.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button button--primary" disabled={create.isPending || name.trim() === ''}>
            Create key
          </button>
        </form>
        {create.isError ? <p className="field__error">{create.error.message}</p> : null}
        {create.data ? (
          <div className="secret-once" role="status" data-testid="api-key-secret">
            <span className="strong">Copy this key now: it is not shown again.</span>
            <code>{create.data.secret}</code>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => void navigator.clipboard?.writeText(create.data.secret)}
            >
              Copy
            </button>
          </div>
        ) : null}
      </section>
      <section className="card">
        <div className="toolbar">
          <h2 className="block__title">Keys</h2>
          <div className="toolbar__spacer" />
          <label className="small">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />{' '}
            Show revoked
          </label>
        </div>
        {keys.isPending ? (
          <SkeletonLines lines={4} label="Loading keys" />
        ) : keys.isError ? (
          <ErrorState
            title="We could not load the keys"
            error={keys.error}
            onRetry={() => void keys.refetch()}
            retrying={keys.isFetching}
          />
        ) : keys.data.items.length === 0 ? (
          <EmptyState title="No API keys yet" />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="API keys">
            <table className="table" data-testid="api-keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Account</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.items.map((k) => (
                  <tr key={k.id} data-key-id={k.id}>
                    <td className="strong">{k.name}</td>
                    <td>{k.accountName ?? <span className="muted">Platform-wide</span>}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td suppressHydrationWarning>{formatDateTime(k.createdAt)}</td>
                    <td suppressHydrationWarning>
                      {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="muted">Never</span>}
                    </td>
                    <td>
                      {k.revokedAt ? (
                        <Badge tone="neutral">Revoked</Badge>
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )}
                    </td>
                    <td>
                      {k.revokedAt ? null : confirming === k.id ? (
                        <span className="list__side">
                          <button
                            type="button"
                            className="button button--danger button--small"
                            onClick={() => revoke.mutate(k.id, { onSettled: () => setConfirming(null) })}
                          >
                            Revoke now
                          </button>
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => setConfirming(null)}
                          >
                            Keep
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => setConfirming(k.id)}
                        >
                          Revoke<span className="visually-hidden"> {k.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
