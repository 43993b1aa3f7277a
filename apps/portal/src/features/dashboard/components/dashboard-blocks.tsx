'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type {
  BillingSummary,
  CasesSummary,
  CrmAccount,
  CustomerProfile,
  Subscription,
  UsageTile,
} from '@portico/domain';
import { InvoiceStatusBadge, SubscriptionStatusBadge } from '@/features/billing/components/status-badges';
import { CasePriorityBadge, CaseStatusBadge } from '@/features/support/components/case-badges';
import { useQuery } from '@tanstack/react-query';
import { usageAlertsQuery, usageCatalogQuery } from '@/features/usage/api/usage.queries';
import { RecentUsageAlerts } from '@/features/usage/components/usage-alerts-panel';
import { UsageMeter } from '@/features/usage/components/usage-meter';
import { browserApiClient } from '@/lib/api-client';
import { EmptyState } from '@/components/ui/empty-state';
import { useNow } from '@/components/ui/use-now';
import { accountPagePath } from '@/lib/account-paths';
import { daysUntil, humanize } from '@/lib/format';
import { useFormat } from '@/lib/use-format';
import { cx } from '@/lib/cx';
import styles from './dashboard-blocks.module.css';
import listStyles from '@/components/ui/list.module.css';
import layoutStyles from '@/components/ui/layout.module.css';

/** Balance due per currency with counts of unpaid and overdue invoices. */
export function BalanceDue({ billing, accountId }: { billing: BillingSummary; accountId: string }) {
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  const nothingDue = billing.balanceDue.every((m) => m.amountMinor === 0);
  return (
    <div data-testid="balance-due">
      {billing.balanceDue.length === 0 || nothingDue ? (
        <p className={cx(styles.amount, styles.balanceAmountClear)}>{t('nothingDue')}</p>
      ) : (
        billing.balanceDue.map((money) => (
          <p className={styles.amount} key={money.currency}>
            {f.money(money)}
          </p>
        ))
      )}
      <p className={styles.balanceCounts}>
        <span>{t('unpaid', { count: billing.unpaidCount })}</span>
        {billing.overdueCount > 0 ? (
          <span className="text-danger">{t('overdue', { count: billing.overdueCount })}</span>
        ) : null}
      </p>
      <Link className="link" href={`${accountPagePath(accountId, 'billing')}?status=open`}>
        {t('viewOpen')}
      </Link>
    </div>
  );
}

/** The open invoice due soonest (carries `data-invoice-id` for tests and tooling). */
export function NextInvoice({ billing, accountId }: { billing: BillingSummary; accountId: string }) {
  const now = useNow();
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  const invoice = billing.nextInvoice;
  if (!invoice) {
    return (
      <div data-testid="next-invoice" data-invoice-id="">
        <EmptyState title={t('allPaid')}>{t('allPaidBody')}</EmptyState>
      </div>
    );
  }
  const days = invoice.dueOn && now !== null ? daysUntil(invoice.dueOn, now) : null;
  const dueText =
    days === null
      ? null
      : days < 0
        ? t('daysOverdue', { days: -days })
        : days === 0
          ? t('dueToday')
          : t('dueIn', { days });
  return (
    <div
      className="next-invoice"
      data-testid="next-invoice"
      data-invoice-id={invoice.id}
      data-status={invoice.status}
    >
      <div className={styles.nextInvoiceTop}>
        <Link
          className={cx(styles.nextInvoiceNumber, 'link')}
          href={accountPagePath(accountId, 'billing', invoice.id)}
        >
          {t('invoiceNumber', { number: invoice.number })}
        </Link>
        <InvoiceStatusBadge status={invoice.status} />
      </div>
      <p className={cx(styles.amount, styles.nextInvoiceAmount)}>
        {f.money(invoice.balance.amountMinor > 0 ? invoice.balance : invoice.total)}
      </p>
      <p className="muted">
        {t('due', { date: f.date(invoice.dueOn) })}
        {dueText ? (
          <span className={days !== null && days < 0 ? 'text-danger' : ''}> · {dueText}</span>
        ) : null}
      </p>
    </div>
  );
}

/** The most recent invoices with their status. */
export function RecentInvoices({ billing, accountId }: { billing: BillingSummary; accountId: string }) {
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  if (billing.recentInvoices.length === 0) return <p className="muted">{t('noInvoices')}</p>;
  return (
    <ul className={listStyles.list} data-testid="recent-invoices">
      {billing.recentInvoices.map((invoice) => (
        <li key={invoice.id} className={listStyles.row} data-invoice-id={invoice.id}>
          <div className={listStyles.main}>
            <Link className="link" href={accountPagePath(accountId, 'billing', invoice.id)}>
              #{invoice.number}
            </Link>
            <span className="muted small">{t('issued', { date: f.date(invoice.issuedOn) })}</span>
          </div>
          <div className={listStyles.side}>
            <span className="tabular">{f.money(invoice.total)}</span>
            <InvoiceStatusBadge status={invoice.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Plans and services with their status. */
export function Subscriptions({ items }: { items: Subscription[] }) {
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  if (items.length === 0) return <EmptyState title={t('noServices')} />;
  return (
    <ul className={listStyles.list}>
      {items.map((s) => (
        <li key={s.id} className={listStyles.row} data-testid="subscription">
          <div className={listStyles.main}>
            <span className="strong">{s.productName}</span>
            <span className="muted small">
              {[s.domain, s.groupName].filter(Boolean).join(' · ') || '—'}
              {s.nextDueOn && s.status === 'active' ? ` · ${t('renews', { date: f.date(s.nextDueOn) })}` : ''}
            </span>
          </div>
          <div className={listStyles.side}>
            <span className="tabular small">
              {t(`cycle.${s.billingCycle}`, { amount: f.money(s.recurringAmount) })}
            </span>
            <SubscriptionStatusBadge status={s.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** One tile per catalog metric against its limit, then the latest usage alerts (live through `usage_alert`). */
export function UsageTiles({
  tiles,
  accountId,
  limitsUnavailable,
}: {
  tiles: UsageTile[];
  accountId: string;
  /** True when the plans could not be read, so a missing limit means "unknown", not "unlimited". */
  limitsUnavailable: boolean;
}) {
  const now = useNow();
  const t = useTranslations('dashboard.blocks');
  const alerts = useQuery(usageAlertsQuery(browserApiClient, accountId));
  const catalog = useQuery(usageCatalogQuery(browserApiClient, accountId));
  if (tiles.length === 0) return <EmptyState title={t('noUsage')} />;
  return (
    <>
      <div className={styles.usageTiles}>
        {tiles.map((tile) => (
          <Link
            key={tile.metric}
            href={`${accountPagePath(accountId, 'usage')}?metric=${encodeURIComponent(tile.metric)}`}
            className={styles.usageTile}
          >
            <UsageMeter tile={tile} limitsUnavailable={limitsUnavailable} nowMs={now} />
            <span className="visually-hidden">{t('usageTileDetails')}</span>
          </Link>
        ))}
      </div>
      {alerts.data && alerts.data.recent.length > 0 ? (
        <RecentUsageAlerts firings={alerts.data.recent} catalog={catalog.data} limit={3} />
      ) : null}
    </>
  );
}

/** Open support cases, newest first. */
export function OpenCases({ cases, accountId }: { cases: CasesSummary; accountId: string }) {
  const now = useNow();
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  if (cases.open.length === 0) return <EmptyState title={t('noCases')}>{t('noCasesBody')}</EmptyState>;
  return (
    <ul className={listStyles.list} data-testid="open-cases">
      {cases.open.map((c) => (
        <li key={c.id} className={listStyles.row}>
          <div className={listStyles.main}>
            <Link className="link" href={accountPagePath(accountId, 'support', c.id)}>
              {c.subject}
            </Link>
            <span className="muted small" suppressHydrationWarning>
              #{c.number}
              {now !== null ? ` · ${t('opened', { when: f.relative(c.createdAt, now) })}` : ''}
            </span>
          </div>
          <div className={cx(listStyles.side, listStyles.sideBadges)}>
            <CaseStatusBadge status={c.status} />
            <CasePriorityBadge priority={c.priority} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function addressLines(profile: CustomerProfile): string[] {
  const a = profile.address;
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, [cityLine, a.region].filter(Boolean).join(', '), a.country].filter(
    (line): line is string => Boolean(line),
  );
}

/** The billing profile. */
export function Profile({ profile }: { profile: CustomerProfile }) {
  const t = useTranslations('dashboard.blocks');
  const f = useFormat();
  return (
    <dl className={layoutStyles.facts}>
      <div>
        <dt>{t('company')}</dt>
        <dd>{profile.companyName ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('billingContact')}</dt>
        <dd>
          {profile.contactName}
          <br />
          <span className="muted break">{profile.email}</span>
        </dd>
      </div>
      <div>
        <dt>{t('address')}</dt>
        <dd>
          {addressLines(profile).map((line) => (
            <span key={line} className="block-line">
              {line}
            </span>
          ))}
        </dd>
      </div>
      <div>
        <dt>{t('status')}</dt>
        <dd>
          {t.has(`profileStatus.${profile.status}`)
            ? t(`profileStatus.${profile.status}`)
            : humanize(profile.status)}
          {profile.customerSince ? (
            <span className="muted"> · {t('customerSince', { date: f.date(profile.customerSince) })}</span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/** The CRM view: account manager and company facts. */
export function AccountTeam({ crm }: { crm: CrmAccount }) {
  const t = useTranslations('dashboard.blocks');
  return (
    <dl className={layoutStyles.facts}>
      <div>
        <dt>{t('accountManager')}</dt>
        <dd className="strong">{crm.accountManager ?? t('notAssigned')}</dd>
      </div>
      <div>
        <dt>{t('segment')}</dt>
        <dd>{[crm.type, crm.industry].filter(Boolean).join(' · ') || '—'}</dd>
      </div>
      {crm.phone ? (
        <div>
          <dt>{t('phone')}</dt>
          <dd>
            <a className="link" href={`tel:${crm.phone}`}>
              {crm.phone}
            </a>
          </dd>
        </div>
      ) : null}
      {crm.website ? (
        <div>
          <dt>{t('website')}</dt>
          <dd className="break">{crm.website}</dd>
        </div>
      ) : null}
    </dl>
  );
}
