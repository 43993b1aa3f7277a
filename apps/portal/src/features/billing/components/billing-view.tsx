'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { InvoiceListFilter } from '@portico/domain';
import { invoiceListQuery } from '@/features/billing/api/billing.queries';
import { INVOICE_FILTERS } from '@/features/billing/components/invoice-filters';
import { InvoiceTable } from '@/features/billing/components/invoice-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Freshness } from '@/features/dashboard/components/freshness';
import { accountApiPath, accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import styles from './billing-view.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** Invoice list with status tabs and paging (kept in the URL). */
export function BillingView({
  accountId,
  initialStatus,
  initialPage,
}: {
  accountId: string;
  initialStatus: InvoiceListFilter;
  initialPage: number;
}) {
  const [{ status, page }, setView] = useSearchParamsState({ status: initialStatus, page: initialPage });
  const t = useTranslations('billing');
  const invoices = useQuery(
    invoiceListQuery(browserApiClient, accountId, { status, page, pageSize: LIST_PAGE_SIZE }),
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link
            className={cx(buttonStyles.button, buttonStyles.secondary)}
            href={accountPagePath(accountId, 'billing', 'payment-methods')}
          >
            {t('paymentMethods')}
          </Link>
        }
      />
      <section className={cardStyles.card}>
        <div className={layoutStyles.toolbar}>
          <SegmentedControl
            label={t('statusTabs')}
            options={INVOICE_FILTERS.map((f) => ({ value: f.value, label: t(`filter.${f.value}`) }))}
            value={status}
            onChange={(s) => setView({ status: s, page: 1 })}
          />
          <span className={layoutStyles.toolbarSpacer} />
          {invoices.data ? <Freshness meta={invoices.data.meta} /> : null}
        </div>
        <PagedList
          query={invoices}
          loadingLabel={t('loading')}
          errorTitle={t('loadFailed')}
          empty={
            <EmptyState title={t('emptyTitle')}>
              {status === 'all' ? t('emptyAll') : t('emptyFiltered')}
            </EmptyState>
          }
          onPageChange={(p) => setView({ status, page: p })}
        >
          {(items) => <InvoiceTable accountId={accountId} invoices={items} />}
        </PagedList>
      </section>
      <PeriodDownload accountId={accountId} />
    </>
  );
}

/** `YYYY-MM-DD` of a date in UTC. */
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Download every invoice of a period as PDFs in one zip (for the accountant). */
function PeriodDownload({ accountId }: { accountId: string }) {
  const t = useTranslations('billing');
  const now = new Date();
  const [from, setFrom] = useState(day(new Date(Date.UTC(now.getUTCFullYear(), 0, 1))));
  const [to, setTo] = useState(day(now));
  const invalid = from > to;
  const href = `${accountApiPath(accountId, 'invoices.zip')}?from=${from}&to=${to}`;
  return (
    <section className={cardStyles.card} aria-labelledby="period-title">
      <h2 className={cardStyles.title} id="period-title">
        {t('periodTitle')}
      </h2>
      <p className="muted small">{t('periodBody')}</p>
      <div className={styles.periodForm}>
        <label className={fieldStyles.field}>
          <span>{t('from')}</span>
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="zip-from"
          />
        </label>
        <label className={fieldStyles.field}>
          <span>{t('to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
            data-testid="zip-to"
          />
        </label>
        {invalid ? (
          <span className={fieldStyles.error} role="alert">
            {t('periodInvalid')}
          </span>
        ) : (
          <a
            className={cx(buttonStyles.button, buttonStyles.secondary)}
            href={href}
            download
            data-testid="zip-download"
          >
            {t('downloadZip')}
          </a>
        )}
      </div>
    </section>
  );
}
