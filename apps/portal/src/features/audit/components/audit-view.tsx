'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { auditPageQuery } from '@/features/audit/api/audit.queries';
import {
  AUDIT_ACTION_OPTIONS,
  auditCsvUrl,
  auditQueryOf,
  type AuditFilterState,
} from '@/features/audit/components/audit-filters';
import { AuditTable } from '@/features/audit/components/audit-table';
import { useAuditActionLabel } from '@/features/audit/components/use-audit-action-label';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import styles from './audit-view.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** The account's audit log: filters (action, person, days), a paged table and a CSV export of the filtered set. */
export function AuditView({ accountId, initial }: { accountId: string; initial: AuditFilterState }) {
  const [view, setView] = useSearchParamsState<AuditFilterState>(initial);
  const [draft, setDraft] = useState(view);
  const query = auditQueryOf(view, LIST_PAGE_SIZE);
  const events = useQuery(auditPageQuery(browserApiClient, accountId, query));
  const filtered = Boolean(view.action || view.actor || view.fromDay || view.toDay);
  const rangeInvalid = draft.fromDay !== '' && draft.toDay !== '' && draft.fromDay > draft.toDay;
  const t = useTranslations('audit');
  const actionLabel = useAuditActionLabel();

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
        title={t('title')}
        description={t('description')}
        actions={
          <a
            className={cx(buttonStyles.button, buttonStyles.secondary)}
            href={auditCsvUrl(accountId, query)}
            download
            data-testid="audit-csv"
          >
            {t('exportCsv')}
          </a>
        }
      />
      <section className={cardStyles.card}>
        <form className={styles.filters} onSubmit={apply} aria-label={t('filterLabel')}>
          <div className={fieldStyles.field}>
            <label htmlFor="audit-action">{t('action')}</label>
            <select
              id="audit-action"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              <option value="">{t('allActions')}</option>
              {AUDIT_ACTION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {actionLabel(o.value)}
                </option>
              ))}
            </select>
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="audit-actor">{t('actor')}</label>
            <input
              id="audit-actor"
              type="email"
              inputMode="email"
              autoComplete="off"
              placeholder={t('actorPlaceholder')}
              value={draft.actor}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            />
          </div>
          <div className={cx(fieldStyles.field, rangeInvalid && fieldStyles.invalid)}>
            <label htmlFor="audit-from">{t('from')}</label>
            <input
              id="audit-from"
              type="date"
              value={draft.fromDay}
              onChange={(e) => setDraft({ ...draft, fromDay: e.target.value })}
            />
          </div>
          <div className={cx(fieldStyles.field, rangeInvalid && fieldStyles.invalid)}>
            <label htmlFor="audit-to">{t('to')}</label>
            <input
              id="audit-to"
              type="date"
              value={draft.toDay}
              aria-describedby={rangeInvalid ? 'audit-range-error' : undefined}
              onChange={(e) => setDraft({ ...draft, toDay: e.target.value })}
            />
          </div>
          <div className={styles.actions}>
            <button
              type="submit"
              className={cx(buttonStyles.button, buttonStyles.primary)}
              disabled={rangeInvalid}
            >
              {t('apply')}
            </button>
            {filtered ? (
              <button
                type="button"
                className={cx(buttonStyles.button, buttonStyles.secondary)}
                onClick={clear}
              >
                {t('clear')}
              </button>
            ) : null}
          </div>
          {rangeInvalid ? (
            <p id="audit-range-error" className={cx(fieldStyles.error, styles.error)} role="alert">
              {t('rangeInvalid')}
            </p>
          ) : null}
        </form>
        <PagedList
          query={events}
          loadingLabel={t('loading')}
          errorTitle={t('loadFailed')}
          empty={
            <EmptyState title={filtered ? t('noMatch') : t('empty')}>
              {filtered ? t('noMatchHint') : t('emptyHint')}
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
