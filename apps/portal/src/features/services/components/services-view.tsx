'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { CancelSubscriptionRequest, Quota, Service, SubscriptionCancellation } from '@portico/domain';
import { billingKeys } from '@/features/billing/api/keys';
import { subscriptionsQuery } from '@/features/billing/api/billing.queries';
import { SubscriptionStatusBadge } from '@/features/billing/components/status-badges';
import { Freshness } from '@/features/dashboard/components/freshness';
import { statusKeys } from '@/features/dashboard/api/keys';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { fieldErrorsOf, formText } from '@/lib/form-text';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import meterStyles from '@/features/usage/components/usage-meter.module.css';
import styles from './services-view.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import { domainSchema } from '@/lib/schemas';

const CANCELLABLE = new Set(['active', 'suspended', 'pending']);

function UsageLine({ label, quota }: { label: string; quota: Quota | null }) {
  const t = useTranslations('services');
  const f = useFormat();
  if (quota === null) return null;
  const ratio = quota.limit ? Math.min(quota.used / quota.limit, 1) : null;
  const level = ratio === null ? 'ok' : ratio >= 0.9 ? 'critical' : ratio >= 0.75 ? 'warning' : 'ok';
  return (
    <div className={cx(styles.usage, meterStyles[level])}>
      <span className="small">
        {quota.limit
          ? t('quota', { label, used: f.bytes(quota.used), limit: f.bytes(quota.limit) })
          : t('quotaUnlimited', { label, used: f.bytes(quota.used) })}
      </span>
      {ratio !== null ? (
        <span
          className={meterStyles.track}
          role="meter"
          aria-label={t('quotaUsed', { label })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(ratio * 100)}
        >
          <span className={meterStyles.fill} style={{ width: `${Math.round(ratio * 100)}%` }} />
        </span>
      ) : null}
    </div>
  );
}

/** The cancellation dialog of one service: when (now or at the end of the period), why, and a confirmation. */
function CancelDialog({
  accountId,
  service,
  onDone,
}: {
  accountId: string;
  service: Service;
  onDone: (c: SubscriptionCancellation | null) => void;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations('services');
  const f = useFormat();
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();
  const cancel = useMutation<SubscriptionCancellation, ApiError, CancelSubscriptionRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        accountApiPath(accountId, 'subscriptions', service.id, 'cancellation'),
        domainSchema((d) => d.subscriptionCancellationSchema),
        { method: 'POST', body },
      ),
    onSuccess: async (created) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: billingKeys.subscriptions(accountId) }),
        queryClient.invalidateQueries({ queryKey: statusKeys.detail(accountId) }),
      ]);
      onDone(created);
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    cancel.mutate({
      type: formText(form, 'type') === 'immediate' ? 'immediate' : 'end_of_billing_period',
      reason: formText(form, 'reason'),
    });
  };
  const reasonError = cancel.error
    ? fieldErrorsOf(['reason'] as const, fieldIssues.fromBff(cancel.error.details)).reason
    : undefined;
  return (
    <form
      className={styles.cancelDialog}
      onSubmit={submit}
      aria-labelledby={`cancel-${service.id}-title`}
      data-testid="cancel-dialog"
    >
      <h3 id={`cancel-${service.id}-title`} className={layoutStyles.sectionTitle}>
        {t('cancelTitle', { product: service.productName, domain: service.domain ?? 'none' })}
      </h3>
      <fieldset>
        <legend>{t('when')}</legend>
        <label className={fieldStyles.radio}>
          <input type="radio" name="type" value="end_of_billing_period" defaultChecked />{' '}
          {t('endOfPeriod', { date: service.nextDueOn ? f.date(service.nextDueOn) : 'none' })}
        </label>
        <label className={fieldStyles.radio}>
          <input type="radio" name="type" value="immediate" /> {t('immediate')}
        </label>
      </fieldset>
      <label className={cx(fieldStyles.field, reasonError && fieldStyles.invalid)}>
        <span>{t('why')}</span>
        <textarea
          name="reason"
          rows={3}
          required
          minLength={3}
          maxLength={1000}
          aria-invalid={reasonError ? true : undefined}
        />
        {reasonError ? <span className={fieldStyles.error}>{reasonError}</span> : null}
      </label>
      {cancel.isError && !reasonError ? (
        <p className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {errorText(cancel.error)}
        </p>
      ) : null}
      <div className={fieldStyles.actions}>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.danger)}
          disabled={cancel.isPending}
        >
          {cancel.isPending ? t('requesting') : t('request')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.ghost)}
          onClick={() => onDone(null)}
        >
          {t('keep')}
        </button>
      </div>
    </form>
  );
}

/** Services (subscriptions) of the account: cycle, next due date, price, status, usage, and cancellation. */
export function ServicesView({ accountId }: { accountId: string }) {
  const services = useQuery(subscriptionsQuery(browserApiClient, accountId));
  const permissions = useAccountPermissions(accountId);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [done, setDone] = useState<SubscriptionCancellation | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const canCancel = permissions.can('subscriptions:manage');
  const t = useTranslations('services');
  const f = useFormat();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {done ? (
        <p
          className={cx(alertStyles.alert, alertStyles.success)}
          role="status"
          ref={status}
          data-testid="cancellation-requested"
        >
          {t('requested', { type: done.type })}
        </p>
      ) : null}
      <section className={cardStyles.card}>
        {services.isPending ? (
          <SkeletonLines lines={5} label={t('loading')} />
        ) : services.isError ? (
          <ErrorState
            title={t('loadFailed')}
            error={services.error}
            onRetry={() => void services.refetch()}
            retrying={services.isFetching}
          />
        ) : services.data.items.length === 0 ? (
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        ) : (
          <>
            <Freshness meta={services.data.meta} />
            <ul className={styles.services} data-testid="services">
              {services.data.items.map((s) => (
                <li key={s.id} className={styles.service} data-testid={`service-${s.id}`}>
                  <div className={styles.main}>
                    <div className={styles.title}>
                      <span className="strong">{s.productName}</span>
                      <SubscriptionStatusBadge status={s.status} />
                      {s.cancellation ? <Badge tone="warning">{t('cancellationRequested')}</Badge> : null}
                    </div>
                    <span className="muted small">
                      {[s.groupName, s.domain].filter(Boolean).join(' · ') || t('noDomain')}
                    </span>
                    <UsageLine label={t('disk')} quota={s.disk} />
                    <UsageLine label={t('bandwidth')} quota={s.bandwidth} />
                  </div>
                  <dl className={styles.facts}>
                    <div>
                      <dt>{t('price')}</dt>
                      <dd>
                        {s.recurringAmount.amountMinor > 0 ? f.money(s.recurringAmount) : t('free')}{' '}
                        <span className="muted small">{t(`cycle.${s.billingCycle}`)}</span>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('nextDue')}</dt>
                      <dd>{f.date(s.nextDueOn)}</dd>
                    </div>
                  </dl>
                  <div className={styles.actions}>
                    {canCancel && CANCELLABLE.has(s.status) && !s.cancellation && cancelling !== s.id ? (
                      <button
                        type="button"
                        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                        onClick={() => setCancelling(s.id)}
                      >
                        {t('cancelService')}
                      </button>
                    ) : null}
                    {s.cancellation ? (
                      <span className="muted small">
                        {t('requestedOn', {
                          date: f.date(s.cancellation.requestedAt.slice(0, 10)),
                          by: s.cancellation.requestedBy ?? 'none',
                        })}
                      </span>
                    ) : null}
                  </div>
                  {cancelling === s.id ? (
                    <CancelDialog
                      accountId={accountId}
                      service={s}
                      onDone={(c) => {
                        setCancelling(null);
                        if (c) setDone(c);
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
