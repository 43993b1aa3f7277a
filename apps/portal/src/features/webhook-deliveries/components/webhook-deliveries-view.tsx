'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  webhookDeliveryStatusSchema,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '@portico/domain';
import { webhookDeliveryPageQuery } from '@/features/webhook-deliveries/api/webhook-deliveries.queries';
import { useReplayWebhookDeliveryMutation } from '@/features/webhook-deliveries/api/use-replay-webhook-delivery-mutation';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList } from '@/components/ui/paged-list';
import { browserApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { LIST_PAGE_SIZE } from '@/lib/search-params';
import { useSearchParamsState } from '@/lib/use-search-params-state';
import { statusFilterParam, statusQuery, type DeliveryStatusFilter } from '../status-filter';

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  dead_lettered: 'Dead-lettered',
  failed: 'Failed (retrying)',
  received: 'Received',
  processed: 'Processed',
  ignored: 'Ignored',
};

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
  if (text === null) return <span className="muted">None</span>;
  if (text.length <= 80) return <span className="break">{text}</span>;
  return (
    <details className="delivery-error">
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

  function onReplay(delivery: WebhookDelivery) {
    setResult(null);
    replay.mutate(delivery.id, {
      onSuccess: (queued) =>
        setResult({
          kind: 'success',
          text: `Queued ${queued.eventType} (${PROVIDER_LABELS[queued.provider]} delivery ${queued.deliveryId}) again.`,
        }),
      onError: (err) =>
        setResult({ kind: 'danger', text: err.message || 'We could not replay this delivery. Try again.' }),
    });
  }

  return (
    <>
      <PageHeader
        title="Webhook deliveries"
        description="Webhooks received from WHMCS and Salesforce. A dead-lettered delivery failed every attempt; replay it once the cause is fixed."
      />
      {result ? (
        <div
          className={`alert alert--${result.kind} card-gap`}
          role={result.kind === 'danger' ? 'alert' : 'status'}
        >
          {result.text}
        </div>
      ) : null}
      <section className="card">
        <div className="toolbar">
          <div className="field">
            <label htmlFor="delivery-status">Status</label>
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
                  {STATUS_LABELS[s]}
                </option>
              ))}
              <option value="all">All</option>
            </select>
          </div>
        </div>
        <PagedList
          query={deliveries}
          loadingLabel="Loading webhook deliveries"
          errorTitle="We could not load the webhook deliveries"
          empty={
            <EmptyState
              title={
                filter === 'all'
                  ? 'No webhook deliveries yet'
                  : `No ${STATUS_LABELS[filter].toLowerCase()} deliveries`
              }
            >
              {filter === 'dead_lettered' ? 'Every delivery was processed or is still being retried.' : null}
            </EmptyState>
          }
          onPageChange={(p) => setView({ ...view, page: p })}
        >
          {(items) => (
            <table className="table table--cards" data-testid="webhook-delivery-table">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Account</th>
                  <th scope="col">Received</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last error</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} data-delivery-id={d.deliveryId}>
                    <td data-label="Event">
                      <span className="stack-tight">
                        <span className="strong">{d.eventType}</span>
                        <span className="muted small">
                          {PROVIDER_LABELS[d.provider]} · <code className="break">{d.deliveryId}</code>
                        </span>
                      </span>
                    </td>
                    <td data-label="Account">
                      {d.accountId ? (
                        <code className="small break">{d.accountId}</code>
                      ) : (
                        <span className="muted">Unknown</span>
                      )}
                    </td>
                    <td data-label="Received">{formatDateTime(d.receivedAt)}</td>
                    <td data-label="Attempts" className="num">
                      {d.attempts}
                    </td>
                    <td data-label="Last error">
                      <LastError text={d.lastError} />
                    </td>
                    <td data-label="Status">
                      <Badge tone={STATUS_TONES[d.status]}>{STATUS_LABELS[d.status]}</Badge>
                    </td>
                    <td data-label="">
                      {d.status === 'dead_lettered' ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={replay.isPending && replay.variables === d.id}
                          onClick={() => onReplay(d)}
                        >
                          {replay.isPending && replay.variables === d.id ? 'Replaying…' : 'Replay'}
                          <span className="visually-hidden">
                            {' '}
                            {d.eventType} delivery {d.deliveryId}
                          </span>
                        </button>
                      ) : null}
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
