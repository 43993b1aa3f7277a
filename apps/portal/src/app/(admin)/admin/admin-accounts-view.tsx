'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AdminAccount } from '@portico/domain';
import { adminAccountPageQuery } from '@/features/admin/api/admin.queries';
import { AccountLinkForm } from '@/features/admin/components/account-link-form';
import { IdentityProviderForm } from '@/features/admin/components/identity-provider-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';

function NotLinked() {
  return <span className="muted">Not linked</span>;
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
      <PageHeader
        title="Accounts"
        description="Every customer account, and the WHMCS client and Salesforce Account each one is linked to."
      />
      {saved ? (
        <div className="alert alert--success card-gap" role="status">
          {saved}
        </div>
      ) : null}
      {editing ? (
        <section className="card card--narrow card-gap" aria-labelledby="link-title">
          <h2 className="card__title" id="link-title">
            Links of {editing.name}
          </h2>
          <AccountLinkForm
            key={editing.id}
            account={editing}
            onDone={(result) => {
              setEditing(null);
              setSaved(result ? `Saved the links of ${result.name}.` : null);
            }}
          />
        </section>
      ) : null}
      {signIn ? (
        <section className="card card--narrow card-gap" aria-labelledby="idp-title">
          <h2 className="card__title" id="idp-title">
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
      <section className="card">
        <form className="toolbar" role="search" onSubmit={search}>
          <div className="field field--grow">
            <label htmlFor="admin-search" className="visually-hidden">
              Search accounts
            </label>
            <input
              id="admin-search"
              type="search"
              placeholder="Name, account id, WHMCS client id or Salesforce id"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </form>
        <PagedList
          query={accounts}
          loadingLabel="Loading accounts"
          errorTitle="We could not load the accounts"
          empty={
            <EmptyState title={view.search ? 'No account matches this search' : 'No accounts yet'}>
              {view.search ? 'Try a name or an id.' : null}
            </EmptyState>
          }
          onPageChange={(p) => setView({ ...view, page: p })}
        >
          {(items) => (
            <table className="table table--cards" data-testid="admin-account-table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">WHMCS client</th>
                  <th scope="col">Salesforce Account</th>
                  <th scope="col" className="num">
                    Members
                  </th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td data-label="Account">
                      <span className="stack-tight">
                        <span className="strong">{a.name}</span>
                        <code className="muted small break">{a.id}</code>
                      </span>
                    </td>
                    <td data-label="WHMCS client">{a.whmcsClientId ?? <NotLinked />}</td>
                    <td data-label="Salesforce Account">
                      {a.salesforceAccountId ? <code>{a.salesforceAccountId}</code> : <NotLinked />}
                    </td>
                    <td data-label="Members" className="num">
                      {a.memberCount}
                    </td>
                    <td data-label="Created">{formatDate(a.createdAt.slice(0, 10))}</td>
                    <td data-label="">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => {
                          setSaved(null);
                          setSignIn(null);
                          setEditing(a);
                          window.scrollTo({ top: 0, behavior: 'smooth' });
                        }}
                      >
                        Edit links<span className="visually-hidden"> of {a.name}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary button--small"
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PagedList>
      </section>
    </>
  );
}
