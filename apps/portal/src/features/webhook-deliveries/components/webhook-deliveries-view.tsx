'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  webhookDeliveryStatusSchema,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '@portico/domain';
import { webhookDeliveryPageQuery } from '@/features/webhook-deliveries/api/webhook-deliveries.queries';
import { useReplayWebhookDeliveryMutation } from '@/features/webhook-deliveries/api/use-replay-webhook-delivery-mutation';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { statusFilterParam, statusQuery, type DeliveryStatusFilter } from '../status-filter';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import styles from './webhook-deliveries-view.module.css';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import alertStyles from '@/components/ui/alert.module.css';

const STATUS_TONES: Record<WebhookDeliveryStatus, BadgeTone> = {
  dead_lettered: 'danger',
  failed: 'warning',
  received: 'info',
  processed: 'success',
  ignored: 'neutral',
};

const PROVIDER_LABELS: Record<WebhookDelivery['provider'], string> = {
  whmcs: 'WHMCS',
  salesforce: 'Salesforce',
};

/** A long last error, cut to one line with the full text on expand (and in the title). */
function LastError({ text }: { text: string | null }) {
  const t = useTranslations('webhookDeliveries');
  if (text === null) return <span className="muted">{t('none')}</span>;
  if (text.length <= 80) return <span className="break">{text}</span>;
  return (
    <details className={styles.deliveryError}>
      <summary title={text}>{`${text.slice(0, 80)}…`}</summary>
      <p className="small break">{text}</p>
    </details>
  );
}

/**
 * Recorded webhook deliveries (WHMCS, Salesforce), newest first, with a status filter (dead letters by default),
 * paging and a Replay button on each dead-lettered row that queues it again.
 */
export function WebhookDeliveriesView({
  initialStatus,
  initialPage,
}: {
  initialStatus: DeliveryStatusFilter;
  initialPage: number;
}) {
  const initial: { status: string; page: number } = { status: initialStatus, page: initialPage };
  const [view, setView] = useSearchParamsState(initial);
  const filter = statusFilterParam(view.status);
  const [result, setResult] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const deliveries = useQuery(
    webhookDeliveryPageQuery(browserApiClient, {
      page: view.page,
      pageSize: LIST_PAGE_SIZE,
      status: statusQuery(filter),
    }),
  );
  const replay = useReplayWebhookDeliveryMutation();
  const errorText = useErrorText();
  const t = useTranslations('webhookDeliveries');
  const f = useFormat();

  function onReplay(delivery: WebhookDelivery) {
    setResult(null);
    replay.mutate(delivery.id, {
      onSuccess: (queued) =>
        setResult({
          kind: 'success',
          text: t('queued', {
            eventType: queued.eventType,
            provider: PROVIDER_LABELS[queued.provider],
            deliveryId: queued.deliveryId,
          }),
        }),
      onError: (err) => setResult({ kind: 'danger', text: errorText(err, t('replayFailed')) }),
    });
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {result ? (
        <div
          className={cx(alertStyles.alert, alertStyles[result.kind], layoutStyles.cardGap)}
          role={result.kind === 'danger' ? 'alert' : 'status'}
        >
          {result.text}
        </div>
      ) : null}
      <section className={cardStyles.card}>
        <div className={layoutStyles.toolbar}>
          <div className={fieldStyles.field}>
            <label htmlFor="delivery-status">{t('status')}</label>
            <select
              id="delivery-status"
              value={filter}
              onChange={(e) => {
                setResult(null);
                setView({ status: e.target.value, page: 1 });
              }}
            >
              {webhookDeliveryStatusSchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`statusLabel.${s}`)}
                </option>
              ))}
              <option value="all">{t('all')}</option>
            </select>
          </div>
        </div>
        <PagedList
          query={deliveries}
          loadingLabel={t('loading')}
          errorTitle={t('loadFailed')}
          empty={
            <EmptyState title={t('empty', { status: filter })}>
              {filter === 'dead_lettered' ? t('noDeadLetters') : null}
            </EmptyState>
          }
          onPageChange={(p) => setView({ ...view, page: p })}
        >
          {(items) => (
            <DataTable
              rows={items}
              getRowId={(d) => d.id}
              cards
              data-testid="webhook-delivery-table"
              rowProps={(d) => ({ 'data-delivery-id': d.deliveryId })}
              columns={[
                {
                  id: 'event',
                  header: t('event'),
                  cell: (d) => (
                    <span className={layoutStyles.stackTight}>
                      <span className="strong">{d.eventType}</span>
                      <span className="muted small">
                        {PROVIDER_LABELS[d.provider]} · <code className="break">{d.deliveryId}</code>
                      </span>
                    </span>
                  ),
                },
                {
                  id: 'account',
                  header: t('account'),
                  cell: (d) =>
                    d.accountId ? (
                      <code className="small break">{d.accountId}</code>
                    ) : (
                      <span className="muted">{t('unknown')}</span>
                    ),
                },
                { id: 'received', header: t('received'), cell: (d) => f.dateTime(d.receivedAt) },
                { id: 'attempts', header: t('attempts'), numeric: true, cell: (d) => d.attempts },
                { id: 'lastError', header: t('lastError'), cell: (d) => <LastError text={d.lastError} /> },
                {
                  id: 'status',
                  header: t('status'),
                  cell: (d) => <Badge tone={STATUS_TONES[d.status]}>{t(`statusLabel.${d.status}`)}</Badge>,
                },
                {
                  id: 'actions',
                  header: t('actions'),
                  hideHeader: true,
                  cell: (d) =>
                    d.status === 'dead_lettered' ? (
                      <button
                        type="button"
                        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                        disabled={replay.isPending && replay.variables === d.id}
                        onClick={() => onReplay(d)}
                      >
                        {replay.isPending && replay.variables === d.id ? t('replaying') : t('replay')}
                        <span className="visually-hidden">
                          {' '}
                          {t('replayTarget', { eventType: d.eventType, deliveryId: d.deliveryId })}
                        </span>
                      </button>
                    ) : null,
                },
              ]}
            />
          )}
        </PagedList>
      </section>
    </>
  );
}
