'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AdminAccount } from '@portico/domain';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { AccountLinkForm } from '@/features/admin/components/account-link-form';
import { IdentityProviderForm } from '@/features/admin/components/identity-provider-form';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useFormat } from '@/lib/use-format';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';

function NotLinked() {
  const t = useTranslations('admin.accounts');
  return <span className="muted">{t('notLinked')}</span>;
}

/** Every account with its WHMCS / Salesforce links and member count; search, paging, and a link form per account. */
export function AdminAccountsView({
  initialSearch,
  initialPage,
}: {
  initialSearch: string;
  initialPage: number;
}) {
  const [view, setView] = useSearchParamsState({ search: initialSearch, page: initialPage });
  const [draft, setDraft] = useState(view.search);
  const [editing, setEditing] = useState<AdminAccount | null>(null);
  const [signIn, setSignIn] = useState<AdminAccount | null>(null);
  const idp = useTranslations('admin.identityProvider');
  const [saved, setSaved] = useState<string | null>(null);
  const t = useTranslations('admin.accounts');
  const f = useFormat();
  const accounts = useQuery(
    adminAccountPageQuery(browserApiClient, {
      page: view.page,
      pageSize: LIST_PAGE_SIZE,
      search: view.search || undefined,
    }),
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setView({ search: draft.trim(), page: 1 });
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {saved ? (
        <div className={cx(alertStyles.alert, alertStyles.success, layoutStyles.cardGap)} role="status">
          {saved}
        </div>
      ) : null}
      {editing ? (
        <section
          className={cx(cardStyles.card, cardStyles.narrow, layoutStyles.cardGap)}
          aria-labelledby="link-title"
        >
          <h2 className={cardStyles.title} id="link-title">
            {t('linksOf', { name: editing.name })}
          </h2>
          <AccountLinkForm
            key={editing.id}
            account={editing}
            onDone={(result) => {
              setEditing(null);
              setSaved(result ? t('saved', { name: result.name }) : null);
            }}
          />
        </section>
      ) : null}
      {signIn ? (
        <section
          className={cx(cardStyles.card, cardStyles.narrow, layoutStyles.cardGap)}
          aria-labelledby="idp-title"
        >
          <h2 className={cardStyles.title} id="idp-title">
            {idp('title', { account: signIn.name })}
          </h2>
          <IdentityProviderForm
            key={signIn.id}
            account={signIn}
            onDone={(message) => {
              setSignIn(null);
              setSaved(message);
            }}
          />
        </section>
      ) : null}
      <section className={cardStyles.card}>
        <form className={layoutStyles.toolbar} role="search" onSubmit={search}>
          <div className={cx(fieldStyles.field, fieldStyles.grow)}>
            <label htmlFor="admin-search" className="visually-hidden">
              {t('searchLabel')}
            </label>
            <input
              id="admin-search"
              type="search"
              placeholder={t('searchPlaceholder')}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <button type="submit" className={cx(buttonStyles.button, buttonStyles.secondary)}>
            {t('search')}
          </button>
        </form>
        <PagedList
          query={accounts}
          loadingLabel={t('loading')}
          errorTitle={t('loadFailed')}
          empty={
            <EmptyState title={view.search ? t('noMatch') : t('empty')}>
              {view.search ? t('noMatchHint') : null}
            </EmptyState>
          }
          onPageChange={(p) => setView({ ...view, page: p })}
        >
          {(items) => (
            <DataTable
              rows={items}
              getRowId={(a) => a.id}
              cards
              data-testid="admin-account-table"
              columns={[
                {
                  id: 'account',
                  header: t('account'),
                  cell: (a) => (
                    <span className={layoutStyles.stackTight}>
                      <span className="strong">{a.name}</span>
                      <code className="muted small break">{a.id}</code>
                    </span>
                  ),
                },
                {
                  id: 'whmcsClient',
                  header: t('whmcsClient'),
                  cell: (a) => a.whmcsClientId ?? <NotLinked />,
                },
                {
                  id: 'salesforceAccount',
                  header: t('salesforceAccount'),
                  cell: (a) => (a.salesforceAccountId ? <code>{a.salesforceAccountId}</code> : <NotLinked />),
                },
                { id: 'members', header: t('members'), numeric: true, cell: (a) => a.memberCount },
                { id: 'created', header: t('created'), cell: (a) => f.date(a.createdAt.slice(0, 10)) },
                {
                  id: 'actions',
                  header: t('actions'),
                  hideHeader: true,
                  cell: (a) => (
                    <>
                      <button
                        type="button"
                        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                        onClick={() => {
                          setSaved(null);
                          setSignIn(null);
                          setEditing(a);
                          window.scrollTo({ top: 0, behavior: 'smooth' });
                        }}
                      >
                        {t.rich('editLinks', {
                          name: a.name,
                          hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                        })}
                      </button>{' '}
                      <button
                        type="button"
                        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                        data-testid={`admin-idp-${a.id}`}
                        aria-label={idp('openFor', { account: a.name })}
                        onClick={() => {
                          setSaved(null);
                          setEditing(null);
                          setSignIn(a);
                          window.scrollTo({ top: 0, behavior: 'smooth' });
                        }}
                      >
                        {idp('open')}
                      </button>
                    </>
                  ),
                },
              ]}
            />
          )}
        </PagedList>
      </section>
    </>
  );
}
