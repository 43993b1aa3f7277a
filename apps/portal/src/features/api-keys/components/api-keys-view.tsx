'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { apiKeyListQuery } from '../api/api-keys.queries';
import { useApiKeyMutations } from '../api/use-api-key-mutations';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import blockStyles from '@/features/dashboard/components/dashboard-block.module.css';
import alertFormStyles from '@/features/usage/components/usage-alerts-panel.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import styles from './api-keys-view.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import tableStyles from '@/components/ui/data-table.module.css';
import listStyles from '@/components/ui/list.module.css';

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
  const t = useTranslations('apiKeys');
  const errorText = useErrorText();
  const f = useFormat();

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), accountId: accountId === '' ? null : accountId, scopes: ['usage:write'] },
      { onSuccess: () => setName('') },
    );
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <section className={cardStyles.card}>
        <h2 className={blockStyles.title}>{t('newKey')}</h2>
        <form className={alertFormStyles.form} onSubmit={submit} aria-label={t('newKeyForm')}>
          <div className={cx(fieldStyles.field, alertFormStyles.field)}>
            <label htmlFor="key-name">{t('name')}</label>
            <input
              id="key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              placeholder={t('namePlaceholder')}
            />
          </div>
          <div className={cx(fieldStyles.field, alertFormStyles.field)}>
            <label htmlFor="key-account">{t('account')}</label>
            <select id="key-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              <option value="">{t('platformWideOption')}</option>
              {accounts.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button
            className={cx(buttonStyles.button, buttonStyles.primary)}
            disabled={create.isPending || name.trim() === ''}
          >
            {t('create')}
          </button>
        </form>
        {create.isError ? <p className={fieldStyles.error}>{errorText(create.error)}</p> : null}
        {create.data ? (
          <div className={styles.secretOnce} role="status" data-testid="api-key-secret">
            <span className="strong">{t('copyNow')}</span>
            <code>{create.data.secret}</code>
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
              onClick={() => void navigator.clipboard?.writeText(create.data.secret)}
            >
              {t('copy')}
            </button>
          </div>
        ) : null}
      </section>
      <section className={cardStyles.card}>
        <div className={layoutStyles.toolbar}>
          <h2 className={blockStyles.title}>{t('keys')}</h2>
          <div className={layoutStyles.toolbarSpacer} />
          <label className="small">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />{' '}
            {t('showRevoked')}
          </label>
        </div>
        {keys.isPending ? (
          <SkeletonLines lines={4} label={t('loading')} />
        ) : keys.isError ? (
          <ErrorState
            title={t('loadFailed')}
            error={keys.error}
            onRetry={() => void keys.refetch()}
            retrying={keys.isFetching}
          />
        ) : keys.data.items.length === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('tableLabel')}>
            <DataTable
              rows={keys.data.items}
              getRowId={(k) => k.id}
              data-testid="api-keys"
              rowProps={(k) => ({ 'data-key-id': k.id })}
              columns={[
                { id: 'name', header: t('name'), className: 'strong', cell: (k) => k.name },
                {
                  id: 'account',
                  header: t('account'),
                  cell: (k) => k.accountName ?? <span className="muted">{t('platformWide')}</span>,
                },
                { id: 'key', header: t('key'), cell: (k) => <code>{k.prefix}…</code> },
                {
                  id: 'created',
                  header: t('created'),
                  suppressHydrationWarning: true,
                  cell: (k) => f.dateTime(k.createdAt),
                },
                {
                  id: 'lastUsed',
                  header: t('lastUsed'),
                  suppressHydrationWarning: true,
                  cell: (k) =>
                    k.lastUsedAt ? f.dateTime(k.lastUsedAt) : <span className="muted">{t('never')}</span>,
                },
                {
                  id: 'status',
                  header: t('status'),
                  cell: (k) =>
                    k.revokedAt ? (
                      <Badge tone="neutral">{t('revoked')}</Badge>
                    ) : (
                      <Badge tone="success">{t('active')}</Badge>
                    ),
                },
                {
                  id: 'actions',
                  header: t('actions'),
                  hideHeader: true,
                  cell: (k) =>
                    k.revokedAt ? null : confirming === k.id ? (
                      <span className={listStyles.side}>
                        <button
                          type="button"
                          className={cx(buttonStyles.button, buttonStyles.danger, buttonStyles.small)}
                          onClick={() => revoke.mutate(k.id, { onSettled: () => setConfirming(null) })}
                        >
                          {t('revokeNow')}
                        </button>
                        <button
                          type="button"
                          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                          onClick={() => setConfirming(null)}
                        >
                          {t('keep')}
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                        onClick={() => setConfirming(k.id)}
                      >
                        {t.rich('revoke', {
                          name: k.name,
                          hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                        })}
                      </button>
                    ),
                },
              ]}
            />
          </div>
        )}
      </section>
    </>
  );
}
