'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type {
  AccountUsageCatalog,
  MetricDefinition,
  UsageAlertFiring,
  UsageAlertRule,
  UsageThreshold,
} from '@portico/domain';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { Badge } from '@/components/ui/badge';
import { usageAlertsQuery } from '../api/usage.queries';
import { useUsageAlertMutations } from '../api/use-usage-alert-mutations';
import { formatUsage } from '../usage-format';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import styles from './usage-alerts-panel.module.css';
import cardStyles from '@/components/ui/card.module.css';
import blockStyles from '@/features/dashboard/components/dashboard-block.module.css';
import listStyles from '@/components/ui/list.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** Thresholds and firings in words of the page's language. */
function useAlertText() {
  const t = useTranslations('usage.alerts');
  const f = useFormat();
  /** `90% of the limit` / `50 GB`. */
  const threshold = (value: UsageThreshold, metric: MetricDefinition | undefined): string => {
    if (value.type === 'percent') return t('percentOfLimit', { percent: f.percent(value.value / 100, 2) });
    return metric ? formatUsage(value.value, metric.unit, { locale: f.locale }) : f.number(value.value);
  };
  /** One firing in words: `Disk space (Business Hosting) reached 91% of the limit: 46.6 GB`. */
  const firing = (item: UsageAlertFiring, catalog: AccountUsageCatalog | undefined): string => {
    const metric = catalog?.metrics.find((m) => m.key === item.metric);
    const service = item.service
      ? (catalog?.services.find((s) => s.id === item.service)?.name ?? t('serviceId', { id: item.service }))
      : null;
    return t('fired', {
      metric: metric?.label ?? item.metric,
      service: service ?? 'none',
      threshold: threshold(item.threshold, metric),
      value: metric ? formatUsage(item.value, metric.unit, { locale: f.locale }) : f.number(item.value),
    });
  };
  return { threshold, firing };
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
  const t = useTranslations('usage.alerts');
  const format = useFormat();
  const text = useAlertText();
  if (firings.length === 0) return null;
  return (
    <ul className={styles.list} data-testid="usage-alerts-recent" aria-label={t('recentLabel')}>
      {firings.slice(0, limit).map((f) => (
        <li key={f.id} data-alert-id={f.id}>
          <span>
            <Badge tone="warning">{t('alert')}</Badge> {text.firing(f, catalog)}
          </span>
          <time className="muted small" dateTime={f.firedAt} suppressHydrationWarning>
            {format.dateTime(f.firedAt)}
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
  const t = useTranslations('usage.alerts');
  const errorText = useErrorText();
  const text = useAlertText();
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
    <section className={cardStyles.card} aria-labelledby="usage-alerts-title" data-testid="usage-alerts">
      <h2 id="usage-alerts-title" className={blockStyles.title}>
        {t('title')}
      </h2>
      <p className="muted small">{t('intro')}</p>
      {rules.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className={styles.list} data-testid="usage-alert-rules">
          {rules.map((r) => {
            const m = catalog.metrics.find((x) => x.key === r.metric);
            const svc = r.service
              ? (catalog.services.find((s) => s.id === r.service)?.name ?? r.service)
              : t('allServicesInline');
            return (
              <li key={r.id} data-rule-id={r.id} data-state={r.state}>
                <span>
                  <span className="strong">{m?.label ?? r.metric}</span>{' '}
                  <span className="muted">({svc})</span>{' '}
                  {t('at', { threshold: text.threshold(r.threshold, m) })}{' '}
                  {r.state === 'fired' ? (
                    <Badge tone="warning">{t('triggered')}</Badge>
                  ) : r.enabled ? (
                    <Badge tone="success">{t('watching')}</Badge>
                  ) : (
                    <Badge tone="neutral">{t('paused')}</Badge>
                  )}
                </span>
                {canManage ? (
                  <span className={listStyles.side}>
                    <button
                      type="button"
                      className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                      onClick={() => update.mutate({ id: r.id, body: { enabled: !r.enabled } })}
                    >
                      {r.enabled ? t('pause') : t('resume')}
                    </button>
                    <button
                      type="button"
                      className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                      onClick={() => remove.mutate(r.id)}
                    >
                      {t.rich('delete', {
                        metric: m?.label ?? r.metric,
                        hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                      })}
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? (
        <form className={styles.form} onSubmit={submit} aria-label={t('formLabel')}>
          <div className={cx(fieldStyles.field, styles.field)}>
            <label htmlFor="alert-metric">{t('metric')}</label>
            <select id="alert-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
              {catalog.metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          {def?.perService ? (
            <div className={cx(fieldStyles.field, styles.field)}>
              <label htmlFor="alert-service">{t('service')}</label>
              <select id="alert-service" value={service} onChange={(e) => setService(e.target.value)}>
                <option value="">{t('allServices')}</option>
                {catalog.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {percentAllowed ? (
            <div className={cx(fieldStyles.field, styles.field)}>
              <label htmlFor="alert-type">{t('threshold')}</label>
              <select
                id="alert-type"
                value={type}
                onChange={(e) => setType(e.target.value === 'absolute' ? 'absolute' : 'percent')}
              >
                <option value="percent">{t('percentOption')}</option>
                <option value="absolute">{t('amount', { unit: unitHint })}</option>
              </select>
            </div>
          ) : null}
          <div className={cx(fieldStyles.field, styles.field)}>
            <label htmlFor="alert-value">
              {percentAllowed && type === 'percent' ? t('percent') : t('amount', { unit: unitHint })}
            </label>
            <input
              id="alert-value"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
            />
          </div>
          <button className={cx(buttonStyles.button, buttonStyles.primary)} disabled={create.isPending}>
            {t('add')}
          </button>
          {create.isError ? <p className={fieldStyles.error}>{errorText(create.error)}</p> : null}
        </form>
      ) : null}
      <h3 className="small muted" style={{ marginTop: 16 }}>
        {t('recent')}
      </h3>
      {alerts.data && alerts.data.recent.length > 0 ? (
        <RecentUsageAlerts firings={alerts.data.recent} catalog={catalog} limit={10} />
      ) : (
        <p className="muted small">{t('noneFired')}</p>
      )}
    </section>
  );
}
