'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { PaymentMethod } from '@portico/domain';
import { paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { HandoffError } from '@/features/billing/components/handoff-error';
import { useBillingHandoff } from '@/features/billing/hooks/use-billing-handoff';
import { Freshness } from '@/features/dashboard/components/freshness';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useFormat } from '@/lib/use-format';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import listStyles from '@/components/ui/list.module.css';

/** `2026-03` -> `03/2026`. */
function expiry(month: string | null): string {
  if (month === null) return '';
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

function methodName(m: PaymentMethod, t: (key: string, values?: Record<string, string>) => string): string {
  const name = m.type === 'bank_account' ? (m.bankName ?? t('bankAccount')) : (m.cardBrand ?? t('card'));
  return m.lastFour ? t('ending', { name, lastFour: m.lastFour }) : name;
}

/** The account's stored payment methods (as much as the billing system shows), and where to change them. */
export function PaymentMethodsView({ accountId }: { accountId: string }) {
  const methods = useQuery(paymentMethodsQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);
  const manage = useBillingHandoff(accountId, ['payment-methods', 'management']);
  const canManage = permissions.can('billing:pay');
  const t = useTranslations('billing.methods');
  const f = useFormat();
  return (
    <>
      <Link className="back-link" href={accountPagePath(accountId, 'billing')}>
        ← {t('back')}
      </Link>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canManage ? (
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.primary)}
              onClick={manage.start}
              disabled={manage.state.kind === 'opening'}
              data-testid="manage-payment-methods"
            >
              {manage.state.kind === 'opening' ? t('opening') : t('manage')}
            </button>
          ) : null
        }
      />
      <HandoffError state={manage.state} what="managePaymentMethods" />
      {methods.isPending ? (
        <section className={cardStyles.card}>
          <SkeletonLines lines={4} label={t('loading')} />
        </section>
      ) : methods.isError ? (
        <ErrorState
          title={t('loadFailed')}
          error={methods.error}
          onRetry={() => void methods.refetch()}
          retrying={methods.isFetching}
        />
      ) : (
        <>
          {methods.data.warning ? (
            <div
              className={cx(alertStyles.alert, alertStyles.warning)}
              role="alert"
              data-testid="card-warning"
            >
              {t.rich('warning', {
                expired: methods.data.items.find((m) => m.id === methods.data.warning?.paymentMethodId)
                  ?.expired
                  ? 'yes'
                  : 'no',
                expiry: expiry(methods.data.warning.expiryMonth),
                nextCharge: f.date(methods.data.warning.nextChargeOn),
                strong: (chunks) => <strong>{chunks}</strong>,
              })}{' '}
              {canManage ? t('warningManage') : t('warningAsk')}
            </div>
          ) : null}
          <section className={cardStyles.card}>
            <div className={cardStyles.head}>
              <h2 className={cardStyles.title}>{t('stored')}</h2>
              <Freshness meta={methods.data.meta} />
            </div>
            {methods.data.items.length === 0 ? (
              <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState>
            ) : (
              <ul className={listStyles.list} data-testid="payment-methods">
                {methods.data.items.map((m) => (
                  <li key={m.id} className={listStyles.row}>
                    <div className={listStyles.main}>
                      <span className="strong">{methodName(m, t)}</span>
                      <span className="muted small">
                        {m.description ?? (m.type === 'card' ? t('card') : t('bankAccount'))}
                        {m.expiryMonth
                          ? ` · ${t('expiry', { expired: m.expired ? 'yes' : 'no', expiry: expiry(m.expiryMonth) })}`
                          : ''}
                      </span>
                    </div>
                    <div className={cx(listStyles.side, listStyles.sideBadges)}>
                      {m.isDefault ? <Badge tone="info">{t('default')}</Badge> : null}
                      {m.expired ? <Badge tone="danger">{t('expired')}</Badge> : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
