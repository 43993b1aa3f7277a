'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import type { PaymentMethod } from '@portico/domain';
import { paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { HandoffError } from '@/features/billing/components/handoff-error';
import { useBillingHandoff } from '@/features/billing/hooks/use-billing-handoff';
import { Freshness } from '@/features/status/components/freshness';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { useAccountPermissions } from '@/lib/use-account-permissions';

/** `2026-03` -> `03/2026`. */
function expiry(month: string | null): string {
  if (month === null) return '';
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

function methodName(m: PaymentMethod): string {
  if (m.type === 'bank_account')
    return `${m.bankName ?? 'Bank account'}${m.lastFour ? ` ending ${m.lastFour}` : ''}`;
  return `${m.cardBrand ?? 'Card'}${m.lastFour ? ` ending ${m.lastFour}` : ''}`;
}

/** The account's stored payment methods (as much as the billing system shows), and where to change them. */
export function PaymentMethodsView({ accountId }: { accountId: string }) {
  const methods = useQuery(paymentMethodsQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);
  const manage = useBillingHandoff(accountId, ['payment-methods', 'management']);
  const canManage = permissions.can('billing:pay');
  return (
    <>
      <Link className="back-link" href={accountPagePath(accountId, 'billing')}>
        ← Invoices
      </Link>
      <PageHeader
        title="Payment methods"
        description="Cards and bank accounts your invoices are charged to. Card details stay with the billing system: Portico never sees them."
        actions={
          canManage ? (
            <button
              type="button"
              className="button button--primary"
              onClick={manage.start}
              disabled={manage.state.kind === 'opening'}
              data-testid="manage-payment-methods"
            >
              {manage.state.kind === 'opening' ? 'Opening…' : 'Add or change a card'}
            </button>
          ) : null
        }
      />
      <HandoffError state={manage.state} what="manage your payment methods" />
      {methods.isPending ? (
        <section className="card">
          <SkeletonLines lines={4} label="Loading payment methods" />
        </section>
      ) : methods.isError ? (
        <ErrorState
          title="We could not load your payment methods"
          error={methods.error}
          onRetry={() => void methods.refetch()}
          retrying={methods.isFetching}
        />
      ) : (
        <>
          {methods.data.warning ? (
            <div className="alert alert--warning" role="alert" data-testid="card-warning">
              <strong>
                Your default card{' '}
                {methods.data.items.find((m) => m.id === methods.data.warning?.paymentMethodId)?.expired
                  ? 'has expired'
                  : `expires ${expiry(methods.data.warning.expiryMonth)}`}
              </strong>
              , before your next charge on {formatDate(methods.data.warning.nextChargeOn)}.{' '}
              {canManage
                ? 'Add a new card to avoid a failed payment.'
                : 'Ask a billing member or the account owner to add a new card.'}
            </div>
          ) : null}
          <section className="card">
            <div className="card__head">
              <h2 className="card__title">Stored methods</h2>
              <Freshness meta={methods.data.meta} />
            </div>
            {methods.data.items.length === 0 ? (
              <EmptyState title="No payment method stored">
                Invoices are paid one by one until you add a card.
              </EmptyState>
            ) : (
              <ul className="list" data-testid="payment-methods">
                {methods.data.items.map((m) => (
                  <li key={m.id} className="list__row">
                    <div className="list__main">
                      <span className="strong">{methodName(m)}</span>
                      <span className="muted small">
                        {m.description ?? (m.type === 'card' ? 'Card' : 'Bank account')}
                        {m.expiryMonth
                          ? ` · ${m.expired ? 'expired' : 'expires'} ${expiry(m.expiryMonth)}`
                          : ''}
                      </span>
                    </div>
                    <div className="list__side list__side--badges">
                      {m.isDefault ? <Badge tone="info">Default</Badge> : null}
                      {m.expired ? <Badge tone="danger">Expired</Badge> : null}
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
