'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { auditPageQuery } from '@/features/audit/api/audit.queries';
import {
  AUDIT_ACTION_OPTIONS,
  auditCsvUrl,
  auditQueryOf,
  type AuditFilterState,
} from '@/features/audit/components/audit-filters';
import { AuditTable } from '@/features/audit/components/audit-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';

/** The account's audit log: filters (action, person, days), a paged table and a CSV export of the filtered set. */
export function AuditView({ accountId, initial }: { accountId: string; initial: AuditFilterState }) {
  const [view, setView] = useSearchParamsState<AuditFilterState>(initial);
  const [draft, setDraft] = useState(view);
  const query = auditQueryOf(view, LIST_PAGE_SIZE);
  const events = useQuery(auditPageQuery(browserApiClient, accountId, query));
  const filtered = Boolean(view.action || view.actor || view.fromDay || view.toDay);
  const rangeInvalid = draft.fromDay !== '' && draft.toDay !== '' && draft.fromDay > draft.toDay;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rangeInvalid) return;
    setView({ ...draft, actor: draft.actor.trim(), page: 1 });
  }

  function clear() {
    const empty = { action: '', actor: '', fromDay: '', toDay: '', page: 1 };
    setDraft(empty);
    setView(empty);
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Sign-ins, changes to members and settings, and other security events of this account."
        actions={
          <a
            className="button button--secondary"
            href={auditCsvUrl(accountId, query)}
            download
            data-testid="audit-csv"
          >
            Export CSV
          </a>
        }
      />
      <section className="card">
        <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <select
              id="audit-action"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              <option value="">All actions</option>
              {AUDIT_ACTION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">Person (email)</label>
            <input
              id="audit-actor"
              type="email"
              inputMode="email"
              autoComplete="off"
              placeholder="name@company.com"
              value={draft.actor}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            />
          </div>
          <div className={`field${rangeInvalid ? ' field--invalid' : ''}`}>
            <label htmlFor="audit-from">From</label>
            <input
              id="audit-from"
              type="date"
              value={draft.fromDay}
              onChange={(e) => setDraft({ ...draft, fromDay: e.target.value })}
            />
          </div>
          <div className={`field${rangeInvalid ? ' field--invalid' : ''}`}>
            <label htmlFor="audit-to">To</label>
            <input
              id="audit-to"
              type="date"
              value={draft.toDay}
              aria-describedby={rangeInvalid ? 'audit-range-error' : undefined}
              onChange={(e) => setDraft({ ...draft, toDay: e.target.value })}
            />
          </div>
          <div className="audit-filters__actions">
            <button type="submit" className="button button--primary" disabled={rangeInvalid}>
              Apply
            </button>
            {filtered ? (
              <button type="button" className="button button--secondary" onClick={clear}>
                Clear
              </button>
            ) : null}
          </div>
          {rangeInvalid ? (
            <p id="audit-range-error" className="field__error audit-filters__error" role="alert">
              The first day must not be after the last day.
            </p>
          ) : null}
        </form>
        <PagedList
          query={events}
          loadingLabel="Loading the audit log"
          errorTitle="We could not load the audit log"
          empty={
            <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
              {filtered
                ? 'Try another action, person or period.'
                : 'Security and administrative events of this account will appear here.'}
            </EmptyState>
          }
          onPageChange={(p) => setView({ ...view, page: p })}
        >
          {(items) => <AuditTable events={items} />}
        </PagedList>
      </section>
    </>
  );
}
