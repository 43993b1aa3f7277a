'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type {
  AccountUsageCatalog,
  MetricDefinition,
  UsageAlertFiring,
  UsageAlertRule,
  UsageThreshold,
} from '@portico/domain';
import { browserApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { usageAlertsQuery } from '../api/usage.queries';
import { useUsageAlertMutations } from '../api/use-usage-alert-mutations';
import { formatUsage } from '../usage-format';

/** `90% of the limit` / `50 GB`. */
export function thresholdText(threshold: UsageThreshold, metric: MetricDefinition | undefined): string {
  if (threshold.type === 'percent') return `${threshold.value}% of the limit`;
  return metric ? formatUsage(threshold.value, metric.unit) : String(threshold.value);
}

/** One firing in words: `Disk space (Business Hosting) reached 91% of the limit: 46.6 GB`. */
export function firingText(firing: UsageAlertFiring, catalog: AccountUsageCatalog | undefined): string {
  const metric = catalog?.metrics.find((m) => m.key === firing.metric);
  const service = firing.service
    ? (catalog?.services.find((s) => s.id === firing.service)?.name ?? `service ${firing.service}`)
    : null;
  const what = `${metric?.label ?? firing.metric}${service ? ` (${service})` : ''}`;
  return `${what} reached ${thresholdText(firing.threshold, metric)}: ${metric ? formatUsage(firing.value, metric.unit) : firing.value}`;
}

/** The latest alert firings (dashboard and usage page); updated live by `usage_alert`. */
export function RecentUsageAlerts({
  firings,
  catalog,
  limit = 5,
}: {
  firings: readonly UsageAlertFiring[];
  catalog: AccountUsageCatalog | undefined;
  limit?: number;
}) {
  if (firings.length === 0) return null;
  return (
    <ul className="usage-alert-list" data-testid="usage-alerts-recent" aria-label="Recent usage alerts">
      {firings.slice(0, limit).map((f) => (
        <li key={f.id} data-alert-id={f.id}>
          <span>
            <Badge tone="warning">Alert</Badge> {firingText(f, catalog)}
          </span>
          <time className="muted small" dateTime={f.firedAt} suppressHydrationWarning>
            {formatDateTime(f.firedAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}

/**
 * Usage alerts of the account: the rules (with their state) and recent firings for everyone who reads usage; the
 * form and the delete / pause buttons for members who may manage alerts (owners, admins, technical members).
 */
export function UsageAlertsPanel({
  accountId,
  catalog,
  canManage,
  initialMetric,
}: {
  accountId: string;
  catalog: AccountUsageCatalog;
  canManage: boolean;
  initialMetric: string;
}) {
  const alerts = useQuery(usageAlertsQuery(browserApiClient, accountId));
  const { create, update, remove } = useUsageAlertMutations(accountId);
  const [metric, setMetric] = useState(initialMetric);
  const [service, setService] = useState('');
  const [type, setType] = useState<'percent' | 'absolute'>('percent');
  const [value, setValue] = useState('90');
  const def = catalog.metrics.find((m) => m.key === metric);
  const percentAllowed = def?.limit.from !== 'none';
  const unitHint = def?.unit === 'bytes' ? 'GB' : (def?.unit ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    const n = Number(value);
    if (!def || !Number.isFinite(n) || n <= 0) return;
    const thresholdType = percentAllowed ? type : 'absolute';
    const amount = thresholdType === 'absolute' && def.unit === 'bytes' ? n * 1024 ** 3 : n;
    create.mutate({
      metric,
      service: def.perService && service ? service : null,
      threshold: { type: thresholdType, value: amount },
      hysteresis: 0.05,
      enabled: true,
    });
  }

  const rules: UsageAlertRule[] = alerts.data?.rules ?? [];
  return (
    <section className="card" aria-labelledby="usage-alerts-title" data-testid="usage-alerts">
      <h2 id="usage-alerts-title" className="block__title">
        Usage alerts
      </h2>
      <p className="muted small">
        We email the account's owners, admins and technical members once when a value crosses its threshold,
        and again only after it has dropped 5% below it.
      </p>
      {rules.length === 0 ? (
        <p className="muted">No alerts yet.</p>
      ) : (
        <ul className="usage-alert-list" data-testid="usage-alert-rules">
          {rules.map((r) => {
            const m = catalog.metrics.find((x) => x.key === r.metric);
            const svc = r.service
              ? (catalog.services.find((s) => s.id === r.service)?.name ?? r.service)
              : 'all services';
            return (
              <li key={r.id} data-rule-id={r.id} data-state={r.state}>
                <span>
                  <span className="strong">{m?.label ?? r.metric}</span>{' '}
                  <span className="muted">({svc})</span> at {thresholdText(r.threshold, m)}{' '}
                  {r.state === 'fired' ? (
                    <Badge tone="warning">Triggered</Badge>
                  ) : r.enabled ? (
                    <Badge tone="success">Watching</Badge>
                  ) : (
                    <Badge tone="neutral">Paused</Badge>
                  )}
                </span>
                {canManage ? (
                  <span className="list__side">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => update.mutate({ id: r.id, body: { enabled: !r.enabled } })}
                    >
                      {r.enabled ? 'Pause' : 'Resume'}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => remove.mutate(r.id)}
                    >
                      Delete<span className="visually-hidden"> the {m?.label ?? r.metric} alert</span>
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? (
        <form className="usage-alert-form" onSubmit={submit} aria-label="New usage alert">
          <div className="field">
            <label htmlFor="alert-metric">Metric</label>
            <select id="alert-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
              {catalog.metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          {def?.perService ? (
            <div className="field">
              <label htmlFor="alert-service">Service</label>
              <select id="alert-service" value={service} onChange={(e) => setService(e.target.value)}>
                <option value="">All services</option>
                {catalog.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {percentAllowed ? (
            <div className="field">
              <label htmlFor="alert-type">Threshold</label>
              <select
                id="alert-type"
                value={type}
                onChange={(e) => setType(e.target.value === 'absolute' ? 'absolute' : 'percent')}
              >
                <option value="percent">% of the limit</option>
                <option value="absolute">Amount ({unitHint})</option>
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="alert-value">
              {percentAllowed && type === 'percent' ? 'Percent' : `Amount (${unitHint})`}
            </label>
            <input
              id="alert-value"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
            />
          </div>
          <button className="button button--primary" disabled={create.isPending}>
            Add alert
          </button>
          {create.isError ? <p className="field__error">{create.error.message}</p> : null}
        </form>
      ) : null}
      <h3 className="small muted" style={{ marginTop: 16 }}>
        Recent alerts
      </h3>
      {alerts.data && alerts.data.recent.length > 0 ? (
        <RecentUsageAlerts firings={alerts.data.recent} catalog={catalog} limit={10} />
      ) : (
        <p className="muted small">None fired yet.</p>
      )}
    </section>
  );
}
