import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  relativeChange,
  roleHasPermission,
  thresholdFor,
  translatedPanel,
  usagePeriodOf,
  type HealthItem,
  type HealthStatusPanel,
  type HealthStatusPanelData,
  type ImagePanel,
  type ImagePanelData,
  type KpiPanel,
  type KpiPanelData,
  type MetricDefinition,
  type Money,
  type Panel,
  type PanelData,
  type PanelDataMeta,
  type PanelDataQuery,
  type PanelSeries,
  type TableColumn,
  type TableVocabulary,
  type TablePanel,
  type TablePanelData,
  type TemplatePanel,
  type TemplatePanelData,
  type TimeseriesPanel,
  type TimeseriesPanelData,
  type Locale,
} from '@portico/domain';
import Mustache from 'mustache';
import type { AccountContext } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { UpstreamHealth } from '../../integrations/upstream/upstream-health.port';
import { AuditService } from '../audit/audit.service';
import { BillingService } from '../billing/billing.service';
import { SupportService } from '../support/support.service';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import { currentFigures, figureOf } from '../usage/usage-current';
import { metricLimit } from '../usage/usage-limits.mapper';
import { UsageServicesService } from '../usage/usage-services.service';
import { UsageStore } from '../usage/usage-store.port';
import { UsageService } from '../usage/usage.service';
import { allowanceFigures, overageCost, previousPeriod } from './kpi-figures';
import { panelTranslator, type PanelMessageKey, type PanelTranslator } from './i18n/panel-translator';
import {
  panelProviderRegistry,
  type ImagePanelProvider,
  type PanelProviderContext,
  type TemplatePanelProvider,
} from './providers';
import { tablePage, type TableRow } from './table-page';

/**
 * The account a panel is read for, and the reader's language (default English): of the configured texts (metric
 * labels, threshold labels, templates) and of the words, numbers and dates the BFF composes (column headers, KPI
 * details, the heatmap's texts).
 */
export type PanelReader = AccountContext & { locale?: Locale };

/** Raw points a timeseries panel returns per metric with aggregation off (the rest is cut: `truncated`). */
const RAW_POINT_LIMIT = 5_000;
/** Services drawn separately by a `per_service` timeseries (the largest by latest value). */
const PER_SERVICE_LIMIT = 10;
/** Rows of an upstream listing a table panel sorts and filters (the newest; upstream pages hold at most 100). */
const TABLE_SOURCE_ROWS = 100;
/** Usage points a `usage_points` table lists (raw with aggregation off, else the range's buckets). */
const USAGE_POINT_ROWS = 5_000;

/** Data without its `meta` (added by the caller). */
type Bare<T> = Omit<T, 'meta'>;

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#x2F;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
/** Escapes HTML the way Mustache escapes values (its default `escape`). */
const escapeHtml = (text: string): string => text.replace(/[&<>"'`=/]/g, (c) => htmlEscapes[c] ?? c);

/**
 * Renders a template panel: the template's own text is HTML-escaped first (no markup from configuration reaches the
 * page), then Mustache renders it with its default escaping of every value; missing values render empty. The
 * result holds no `<`.
 */
export function renderPanelTemplate(template: string, view: Record<string, unknown>): string {
  // Tags stay as they are; the text between them is escaped (set-delimiter tags are refused by the schema).
  const escapedSource = template
    .split(/(\{\{[\s\S]*?\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : escapeHtml(part)))
    .join('');
  return Mustache.render(escapedSource, view);
}

/**
 * A panel's data, by type, for one account and range. Every read runs in the request's database scope (row-level
 * security) and names the account; upstream reads go through the same services (and read cache) as the routes the
 * panels mirror.
 */
@Injectable()
export class PanelDataService {
  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly usage: UsageService,
    private readonly store: UsageStore,
    private readonly usageServices: UsageServicesService,
    private readonly billing: BillingService,
    private readonly support: SupportService,
    private readonly audit: AuditService,
    private readonly upstreams: UpstreamHealth,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * @throws AppException 403 when the member's role lacks a permission the panel's data needs
   * @throws AppException 400 for a query the panel cannot answer (unknown series or sort column)
   */
  async read(
    account: PanelReader,
    configured: Panel,
    query: PanelDataQuery,
    now: Date = new Date(),
  ): Promise<PanelData> {
    // A configured panel comes translated; a saved one as saved, with any translations it carries.
    const panel = translatedPanel(configured, account.locale ?? 'en');
    const meta: PanelDataMeta = {
      fetchedAt: now.toISOString(),
      cached: false,
      from: new Date(query.from).toISOString(),
      to: new Date(query.to).toISOString(),
    };
    const from = new Date(query.from);
    const to = new Date(query.to);
    switch (panel.type) {
      case 'timeseries':
        return { ...(await this.timeseries(account, panel, query, from, to, now)), meta };
      case 'kpi':
        return { ...(await this.kpi(account, panel, from, to, now)), meta };
      case 'health_status':
        return { ...(await this.health(account, panel, now)), meta };
      case 'table':
        return { ...(await this.table(account, panel, query, from, to)), meta };
      case 'template':
        return { ...(await this.template(account, panel, from, to, now)), meta };
      case 'image':
        return { ...(await this.image(account, panel, from, to, now)), meta };
    }
  }

  /** The catalog's metric of `key`, its label and description in `locale`. */
  private metric(key: string, locale: Locale | undefined): MetricDefinition {
    const metric = this.catalog.findIn(key, locale ?? 'en');
    // The configuration was checked against the catalog at load: this is a catalog changed under it.
    if (!metric)
      throw AppException.validation([
        { path: 'panel.metric', message: `Unknown metric ${JSON.stringify(key)}` },
      ]);
    return metric;
  }

  private async timeseries(
    account: PanelReader,
    panel: TimeseriesPanel,
    query: PanelDataQuery,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Bare<TimeseriesPanelData>> {
    if (query.series !== undefined && !panel.metrics.includes(query.series)) {
      throw AppException.validation([
        {
          path: 'query.series',
          message: `The panel has no series ${JSON.stringify(query.series)} (series: ${panel.metrics.join(', ')})`,
        },
      ]);
    }
    const keys = query.series === undefined ? panel.metrics : [query.series];
    const metrics = keys.map((k) => this.metric(k, account.locale));
    const raw = query.aggregation === 'off';
    let truncated = false;
    let bucket: TimeseriesPanelData['bucket'] = 'raw';
    const series = (
      await Promise.all(
        metrics.map(async (metric): Promise<PanelSeries[]> => {
          const services: Array<string | null> =
            panel.mode === 'per_service' && metric.perService
              ? await this.topServices(account.accountId, metric.key)
              : [null];
          return Promise.all(
            services.map(async (service): Promise<PanelSeries> => {
              if (raw) {
                const rows = await this.store.rawSamples({
                  accountId: account.accountId,
                  metric: metric.key,
                  service,
                  from,
                  to,
                  limit: RAW_POINT_LIMIT + 1,
                });
                if (rows.length > RAW_POINT_LIMIT) truncated = true;
                return {
                  metric: metric.key,
                  label: metric.label,
                  unit: metric.unit,
                  kind: metric.kind,
                  service,
                  points: rows.slice(0, RAW_POINT_LIMIT).map((r) => ({
                    at: r.at.toISOString(),
                    value: r.value,
                    min: null,
                    max: null,
                    service: r.service,
                  })),
                  limit: null,
                  projection: null,
                };
              }
              const s = await this.usage.series(
                account.accountId,
                {
                  metric: metric.key,
                  from: from.toISOString(),
                  to: to.toISOString(),
                  ...(service === null ? {} : { service }),
                },
                now,
              );
              bucket = s.bucket;
              return {
                metric: metric.key,
                label: metric.label,
                unit: metric.unit,
                kind: metric.kind,
                service,
                points: s.points,
                limit: s.limit,
                projection: panel.projection ? s.projection : null,
              };
            }),
          );
        }),
      )
    ).flat();
    const first = metrics[0]!;
    const tr = panelTranslator(account.locale);
    return {
      type: 'timeseries',
      bucket,
      yLabel:
        panel.yLabel ?? tr.text('timeseries.yLabel', { metric: first.label, unit: tr.unit(first.unit) }),
      series,
      truncated,
    };
  }

  /** The services of a metric with the largest latest values (at most {@link PER_SERVICE_LIMIT}). */
  private async topServices(accountId: string, metric: string): Promise<Array<string | null>> {
    const info = await this.store.seriesInfo(accountId, metric);
    return info
      .filter((s) => s.service !== null)
      .sort((a, b) => b.lastValue - a.lastValue)
      .slice(0, PER_SERVICE_LIMIT)
      .map((s) => s.service);
  }

  /**
   * Use of `metric` in `[start, end)` from the recorded samples: counter the sum (daily rollups), gauge the latest
   * daily value across services.
   */
  private async usedIn(accountId: string, metric: MetricDefinition, start: Date, end: Date): Promise<number> {
    if (metric.kind === 'counter')
      return (await this.store.totals(accountId, metric.key, start, end)).reduce((s, t) => s + t.sum, 0);
    const days = await this.store.series({
      accountId,
      metric: metric.key,
      kind: metric.kind,
      service: null,
      resolution: '1d',
      from: start,
      to: end,
    });
    return days[days.length - 1]?.last ?? 0;
  }

  private async kpi(
    account: PanelReader,
    panel: KpiPanel,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Bare<KpiPanelData>> {
    const tr = panelTranslator(account.locale);
    const base = {
      type: 'kpi' as const,
      measure: panel.measure,
      decimals: panel.decimals,
      parts: [] as KpiPanelData['parts'],
    };
    const finish = (
      value: number | null,
      previous: number | null,
      unit: KpiPanelData['unit'],
      currency: string | null,
      detail: string | null,
      parts: KpiPanelData['parts'] = [],
    ): Bare<KpiPanelData> => {
      const hit = thresholdFor(panel.thresholds, value);
      return {
        ...base,
        value,
        previous,
        change: relativeChange(value, previous),
        unit,
        currency,
        detail,
        parts,
        threshold: hit ? { color: hit.color, label: hit.label } : null,
      };
    };
    if (panel.measure === 'next_invoice_estimate')
      return this.nextInvoiceEstimate(account, panel, now, tr, finish);
    const metric = this.metric(panel.metric!, account.locale);
    if (panel.measure === 'usage_total') {
      const prev = previousPeriod(from, to);
      const [cur, old] = await Promise.all([
        this.usage.series(
          account.accountId,
          { metric: metric.key, from: from.toISOString(), to: to.toISOString() },
          now,
        ),
        this.usage.series(
          account.accountId,
          { metric: metric.key, from: prev.start.toISOString(), to: prev.end.toISOString() },
          now,
        ),
      ]);
      const figure = (s: typeof cur) =>
        metric.kind === 'counter'
          ? (s.total ?? 0)
          : s.points.length === 0
            ? null
            : s.points.reduce((a, p) => a + p.value, 0) / s.points.length;
      const value = figure(cur);
      return finish(
        value,
        figure(old),
        metric.unit,
        null,
        tr.text(metric.kind === 'counter' ? 'kpi.totalOverRange' : 'kpi.averageOverRange'),
      );
    }
    // Allowance measures: the billing period so far against the previous period of the same length.
    const period = usagePeriodOf(now);
    const prev = previousPeriod(period.start, now);
    const services = await this.usageServices.list(account.accountId);
    const limit = metricLimit(metric, services.length > 0 ? services : null, null) ?? null;
    const [usedNow, usedBefore] = await Promise.all([
      metric.kind === 'gauge'
        ? currentFigures(this.store, account.accountId, metric, now).then((f) => figureOf(f, null))
        : this.usedIn(account.accountId, metric, period.start, now),
      this.usedIn(account.accountId, metric, prev.start, prev.end),
    ]);
    const cur = allowanceFigures(usedNow, limit);
    const old = allowanceFigures(usedBefore, limit);
    const of =
      limit === null
        ? tr.text('kpi.noLimit')
        : tr.text('kpi.usedOfLimit', {
            used: tr.metricValue(usedNow, metric.unit),
            limit: tr.metricValue(limit, metric.unit),
          });
    switch (panel.measure) {
      case 'allowance_used':
        return finish(cur.used, old.used, metric.unit, null, of);
      case 'allowance_left':
        return finish(cur.left, old.left, metric.unit, null, of);
      case 'allowance_used_ratio':
        return finish(cur.usedPercent, old.usedPercent, 'percent', null, of);
      case 'overage':
        return finish(
          cur.overage,
          old.overage,
          metric.unit,
          null,
          cur.overage !== null && cur.overage > 0 ? tr.text('kpi.inOverage') : of,
        );
      case 'overage_cost': {
        const price = panel.overagePrice!;
        const cost = (o: number | null) => (o === null ? null : overageCost(o, price));
        return finish(
          cost(cur.overage),
          cost(old.overage),
          'money',
          price.currency,
          cur.overage !== null && cur.overage > 0
            ? tr.text('kpi.overAllowance', { overage: tr.metricValue(cur.overage, metric.unit) })
            : tr.text('kpi.withinAllowance'),
        );
      }
    }
  }

  /**
   * The next invoice's estimate: recurring amounts of active services whose next due date falls in the rest of the
   * billing period, plus the projected overage of `metric` at `overagePrice`. Compared with the newest invoice.
   */
  private async nextInvoiceEstimate(
    account: PanelReader,
    panel: KpiPanel,
    now: Date,
    tr: PanelTranslator,
    finish: (
      value: number | null,
      previous: number | null,
      unit: KpiPanelData['unit'],
      currency: string | null,
      detail: string | null,
      parts?: KpiPanelData['parts'],
    ) => Bare<KpiPanelData>,
  ): Promise<Bare<KpiPanelData>> {
    const period = usagePeriodOf(now);
    const [subs, invoices] = await Promise.all([
      this.billing.listSubscriptions(account),
      this.billing.listInvoices(account, { page: 1, pageSize: 1, status: 'all' }),
    ]);
    const today = now.toISOString().slice(0, 10);
    const end = new Date(period.end.getTime() - 1).toISOString().slice(0, 10);
    const due = subs.items.filter(
      (s) => s.status === 'active' && s.nextDueOn !== null && s.nextDueOn >= today && s.nextDueOn <= end,
    );
    const currency =
      panel.overagePrice?.currency ?? due[0]?.recurringAmount.currency ?? invoices.items[0]?.currency ?? null;
    const parts: Array<{ label: string; amount: Money }> = due
      .filter((s) => s.recurringAmount.currency === currency)
      .map((s) => ({
        label: tr.text('kpi.partDue', {
          service: `${s.productName}${s.domain ? ` (${s.domain})` : ''}`,
          date: tr.date(s.nextDueOn!),
        }),
        amount: s.recurringAmount,
      }));
    if (panel.metric !== undefined && panel.overagePrice !== undefined) {
      const metric = this.metric(panel.metric, account.locale);
      const services = await this.usageServices.list(account.accountId);
      const limit = metricLimit(metric, services.length > 0 ? services : null, null) ?? null;
      const projection =
        limit === null ? null : await this.usage.projection(account.accountId, metric, null, limit, now);
      if (limit !== null && projection !== null && projection.value > limit) {
        parts.push({
          label: tr.text('kpi.partProjectedOverage', { metric: metric.label }),
          amount: {
            amountMinor: overageCost(projection.value - limit, panel.overagePrice),
            currency: panel.overagePrice.currency,
          },
        });
      }
    }
    if (currency === null) return finish(null, null, 'money', null, tr.text('kpi.nothingDue'));
    const value = parts.reduce((s, p) => s + p.amount.amountMinor, 0);
    const last = invoices.items[0];
    const previous = last && last.currency === currency ? last.total.amountMinor : null;
    return finish(
      value,
      previous,
      'money',
      currency,
      tr.text('kpi.dueServices', { count: due.length, date: tr.date(end) }),
      parts,
    );
  }

  private async health(
    account: PanelReader,
    panel: HealthStatusPanel,
    now: Date,
  ): Promise<Bare<HealthStatusPanelData>> {
    const items: HealthItem[] = [];
    if (panel.sources.includes('services')) {
      const subs = await this.billing.listSubscriptions(account);
      const checkedAt = subs.meta.fetchedAt;
      const stale = subs.meta.stale ? ` (billing system not reachable: as of ${checkedAt})` : '';
      for (const s of subs.items) {
        const status =
          s.status === 'active'
            ? 'green'
            : s.status === 'pending'
              ? 'amber'
              : s.status === 'suspended' || s.status === 'fraud'
                ? 'red'
                : null;
        if (status === null) continue;
        const [reasonCode, words] =
          s.status === 'active'
            ? (['service_active', 'Active'] as const)
            : s.status === 'pending'
              ? (['service_pending', 'Pending activation'] as const)
              : s.status === 'suspended'
                ? (['service_suspended', 'Suspended'] as const)
                : (['service_blocked', 'Blocked'] as const);
        items.push({
          kind: 'service',
          id: s.id,
          name: `${s.productName}${s.domain ? ` (${s.domain})` : ''}`,
          status,
          reason: `${words} in the billing system${stale}`,
          reasonCode,
          retryAt: null,
          stale: subs.meta.stale,
          checkedAt,
        });
      }
    }
    if (panel.sources.includes('upstreams')) {
      const names = { whmcs: 'Billing system', salesforce: 'Support system' } as const;
      for (const [id, state] of Object.entries(this.upstreams.status(now.getTime())) as Array<
        [keyof typeof names, ReturnType<UpstreamHealth['status']>['whmcs']]
      >) {
        const status = state.breaker === 'closed' ? 'green' : state.breaker === 'half_open' ? 'amber' : 'red';
        const until = state.retryAt ? ` until ${state.retryAt}` : '';
        const [reasonCode, reason] =
          state.breaker === 'closed'
            ? (['upstream_answering', 'Answering normally'] as const)
            : state.breaker === 'half_open'
              ? (['upstream_recovering', 'Recovering: the next call decides'] as const)
              : state.openReason === 'rate_limited'
                ? (['upstream_rate_limited', `Rate limited${until}`] as const)
                : (['upstream_failing', `Failing: calls paused${until}`] as const);
        items.push({
          kind: 'upstream',
          id,
          name: names[id],
          status,
          reason,
          reasonCode,
          retryAt: state.breaker === 'open' ? (state.retryAt ?? null) : null,
          stale: false,
          checkedAt: now.toISOString(),
        });
      }
    }
    return { type: 'health_status', items };
  }

  private async table(
    account: PanelReader,
    panel: TablePanel,
    query: PanelDataQuery,
    from: Date,
    to: Date,
  ): Promise<Bare<TablePanelData>> {
    const { columns, rows, defaultSort } = await this.tableRows(account, panel, query, from, to);
    const page = tablePage(rows, columns, query, panel.pageSize, defaultSort);
    return {
      type: 'table',
      columns,
      rows: page.rows,
      page: { page: page.page, pageSize: panel.pageSize, total: page.total },
      sort: page.sort,
      filter: query.filter ?? null,
    };
  }

  /** Every row a table panel sorts and filters (before paging), with its columns and default order. */
  async tableRows(
    account: PanelReader,
    panel: TablePanel,
    query: Pick<PanelDataQuery, 'aggregation'>,
    from: Date,
    to: Date,
  ): Promise<{
    columns: TableColumn[];
    rows: TableRow[];
    defaultSort: { column: string; direction: 'asc' | 'desc' };
  }> {
    const tr = panelTranslator(account.locale);
    /** A column of the panel's source with its header in the reader's language. */
    const column = <K extends string>(
      key: K,
      kind: TableColumn['kind'],
      header: Extract<PanelMessageKey, `column.${TablePanel['source']}.${K}`>,
      vocabulary?: TableVocabulary,
    ): TableColumn => ({ key, label: tr.text(header), kind, ...(vocabulary ? { vocabulary } : {}) });
    switch (panel.source) {
      case 'invoices': {
        const page = await this.billing.listInvoices(account, {
          page: 1,
          pageSize: TABLE_SOURCE_ROWS,
          status: 'all',
        });
        return {
          columns: [
            column('number', 'text', 'column.invoices.number'),
            column('issuedOn', 'date', 'column.invoices.issuedOn'),
            column('dueOn', 'date', 'column.invoices.dueOn'),
            column('status', 'status', 'column.invoices.status', 'invoice'),
            column('total', 'money', 'column.invoices.total'),
            column('balance', 'money', 'column.invoices.balance'),
            column('currency', 'text', 'column.invoices.currency'),
          ],
          rows: page.items.map((i) => ({
            number: i.number,
            issuedOn: i.issuedOn,
            dueOn: i.dueOn,
            status: i.status,
            total: i.total.amountMinor,
            balance: i.balance.amountMinor,
            currency: i.currency,
          })),
          defaultSort: { column: 'issuedOn', direction: 'desc' },
        };
      }
      case 'cases': {
        const page = await this.support.listCases(account, {
          page: 1,
          pageSize: TABLE_SOURCE_ROWS,
          state: 'all',
        });
        return {
          columns: [
            column('number', 'text', 'column.cases.number'),
            column('subject', 'text', 'column.cases.subject'),
            column('status', 'status', 'column.cases.status', 'case'),
            column('priority', 'status', 'column.cases.priority', 'priority'),
            column('createdAt', 'date', 'column.cases.createdAt'),
          ],
          rows: page.items.map((c) => ({
            number: c.number,
            subject: c.subject,
            status: c.status,
            priority: c.priority,
            createdAt: c.createdAt,
          })),
          defaultSort: { column: 'createdAt', direction: 'desc' },
        };
      }
      case 'services': {
        const list = await this.billing.listSubscriptions(account);
        return {
          columns: [
            column('productName', 'text', 'column.services.productName'),
            column('domain', 'text', 'column.services.domain'),
            column('status', 'status', 'column.services.status', 'subscription'),
            column('billingCycle', 'text', 'column.services.billingCycle'),
            column('recurringAmount', 'money', 'column.services.recurringAmount'),
            column('currency', 'text', 'column.services.currency'),
            column('nextDueOn', 'date', 'column.services.nextDueOn'),
          ],
          rows: list.items.map((s) => ({
            productName: s.productName,
            domain: s.domain,
            status: s.status,
            billingCycle: s.billingCycle,
            recurringAmount: s.recurringAmount.amountMinor,
            currency: s.recurringAmount.currency,
            nextDueOn: s.nextDueOn,
          })),
          defaultSort: { column: 'productName', direction: 'asc' },
        };
      }
      case 'usage_points': {
        const metric = this.metric(panel.metric!, account.locale);
        const columns: TableColumn[] = [
          column('at', 'date', 'column.usage_points.at'),
          column('service', 'text', 'column.usage_points.service'),
          // Raw values in the metric's unit; the portal words them (`1.8 GB`) from `unit`.
          { key: 'value', label: metric.label, kind: 'number', unit: metric.unit },
        ];
        if (query.aggregation === 'off') {
          const raw = await this.store.rawSamples({
            accountId: account.accountId,
            metric: metric.key,
            service: null,
            from,
            to,
            limit: USAGE_POINT_ROWS,
          });
          return {
            columns,
            rows: raw.map((r) => ({ at: r.at.toISOString(), service: r.service, value: r.value })),
            defaultSort: { column: 'at', direction: 'desc' },
          };
        }
        const s = await this.usage.series(account.accountId, {
          metric: metric.key,
          from: from.toISOString(),
          to: to.toISOString(),
        });
        return {
          columns,
          rows: s.points.map((p) => ({ at: p.at, service: null, value: p.value })),
          defaultSort: { column: 'at', direction: 'desc' },
        };
      }
      case 'audit_events': {
        const page = await this.audit.page(account.accountId, {
          page: 1,
          pageSize: TABLE_SOURCE_ROWS,
          from: from.toISOString(),
          to: to.toISOString(),
        });
        return {
          columns: [
            column('occurredAt', 'date', 'column.audit_events.occurredAt'),
            column('action', 'text', 'column.audit_events.action', 'audit_action'),
            column('actor', 'text', 'column.audit_events.actor'),
            column('target', 'text', 'column.audit_events.target'),
          ],
          rows: page.items.map((e) => ({
            occurredAt: e.occurredAt,
            action: e.action,
            actor: e.actor?.name ?? null,
            target: e.target,
          })),
          defaultSort: { column: 'occurredAt', direction: 'desc' },
        };
      }
    }
  }

  private providerContext(account: PanelReader, from: Date, to: Date, now: Date): PanelProviderContext {
    const locale = account.locale ?? 'en';
    return { account, from, to, now, locale, translator: panelTranslator(locale) };
  }

  private async template(
    account: PanelReader,
    panel: TemplatePanel,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Bare<TemplatePanelData>> {
    const entry = panelProviderRegistry.get(panel.provider);
    if (!entry || entry.kind !== 'template') throw AppException.notFound('Panel provider not found');
    const provider = this.moduleRef.get<TemplatePanelProvider>(entry.type, { strict: false });
    const view = await provider.data(
      entry.params.parse(panel.params),
      this.providerContext(account, from, to, now),
    );
    return { type: 'template', html: renderPanelTemplate(panel.template, view) };
  }

  private async image(
    account: PanelReader,
    panel: ImagePanel,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Bare<ImagePanelData>> {
    const entry = panelProviderRegistry.get(panel.provider);
    if (!entry || entry.kind !== 'image') throw AppException.notFound('Panel provider not found');
    const provider = this.moduleRef.get<ImagePanelProvider>(entry.type, { strict: false });
    const image = await provider.render(
      entry.params.parse(panel.params),
      this.providerContext(account, from, to, now),
    );
    return { type: 'image', ...image, alt: panel.alt };
  }

  /** Whether `account`'s member may read the panel's data. */
  static allowed(account: AccountContext, permissions: readonly string[]): boolean {
    return permissions.every((p) =>
      roleHasPermission(account.role, p as Parameters<typeof roleHasPermission>[1]),
    );
  }
}
