import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  dashboardNameSchema,
  panelIdSchema,
  type Dashboard,
  type DashboardList,
  type Panel,
  type PanelData,
  type PanelDataQuery,
} from '@portico/domain';
import { stringify } from 'csv-stringify/sync';
import type { AccountContext } from '../../core/auth';
import { CachePort } from '../../core/cache/cache.port';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { BillingService } from '../billing/billing.service';
import { dashboardsFor, type LoadedDashboard } from './dashboard-config';
import { DashboardConfigService } from './dashboard-config.service';
import { panelPermissions } from './panel-permissions';
import { PanelDataService } from './panel-data.service';
import { tablePage } from './table-page';

/**
 * The dashboards of an account (configuration resolved per account: one account over its products over all) and
 * their panels' data, permission-checked per panel and cached per account (`dashboard-panel:<accountId>:...`, for
 * `DASHBOARD_PANEL_CACHE_SECONDS`, never longer than the panel's refresh interval).
 */
@Injectable()
export class DashboardsService {
  private readonly logger = new Logger(DashboardsService.name);

  constructor(
    private readonly config: DashboardConfigService,
    private readonly data: PanelDataService,
    private readonly billing: BillingService,
    private readonly cache: CachePort,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** The WHMCS products of the account's active services, read only when a dashboard is scoped to a product. */
  private async products(account: AccountContext): Promise<Set<string>> {
    if (!this.config.config.dashboards.some((d) => 'product' in d.scope)) return new Set();
    try {
      const subs = await this.billing.listSubscriptions(account);
      return new Set(subs.items.filter((s) => s.status === 'active').map((s) => s.productName));
    } catch (err) {
      this.logger.warn(
        { accountId: account.accountId, err: err instanceof Error ? err.message : String(err) },
        'products unknown: product dashboards left out',
      );
      return new Set();
    }
  }

  private async visible(account: AccountContext): Promise<LoadedDashboard[]> {
    return dashboardsFor(this.config.config, {
      accountId: account.accountId,
      products: await this.products(account),
    });
  }

  async list(account: AccountContext): Promise<DashboardList> {
    const items = await this.visible(account);
    return {
      items: items.map((d) => ({
        name: d.name,
        title: d.title,
        description: d.description ?? null,
        panelCount: d.panels.length,
      })),
    };
  }

  /** @throws AppException 404 for a name the account has no dashboard of */
  async get(account: AccountContext, name: string): Promise<Dashboard> {
    const d = await this.find(account, name);
    return { name: d.name, title: d.title, description: d.description ?? null, panels: d.panels };
  }

  private async find(account: AccountContext, name: string): Promise<LoadedDashboard> {
    const d = dashboardNameSchema.safeParse(name).success
      ? (await this.visible(account)).find((x) => x.name === name)
      : undefined;
    if (!d) throw AppException.notFound('Dashboard not found');
    return d;
  }

  /**
   * @throws AppException 404 for an unknown dashboard or panel (also another account's), 403 when the member's role
   *   lacks a permission of the panel's data
   */
  async panel(account: AccountContext, name: string, panelId: string): Promise<Panel> {
    const d = await this.find(account, name);
    const panel = panelIdSchema.safeParse(panelId).success
      ? d.panels.find((p) => p.id === panelId)
      : undefined;
    if (!panel) throw AppException.notFound('Panel not found');
    const missing = panelPermissions(panel).filter((p) => !PanelDataService.allowed(account, [p]));
    if (missing.length > 0)
      throw AppException.forbidden(
        `Your role does not allow reading this panel (needs ${missing.join(', ')})`,
      );
    return panel;
  }

  /** A panel's data for the range (cached per account and query). */
  async panelData(
    account: AccountContext,
    name: string,
    panelId: string,
    query: PanelDataQuery,
  ): Promise<PanelData> {
    const panel = await this.panel(account, name, panelId);
    const ttlSeconds = Math.min(
      this.env.DASHBOARD_PANEL_CACHE_SECONDS,
      panel.refreshSeconds === 0 ? this.env.DASHBOARD_PANEL_CACHE_SECONDS : panel.refreshSeconds,
    );
    // The panel's definition is part of the key: a reloaded configuration never serves data of the old panel.
    const digest = createHash('sha256')
      .update(JSON.stringify([panel, query]))
      .digest('base64url')
      .slice(0, 22);
    const key = `dashboard-panel:${account.accountId}:${name}:${panelId}:${digest}`;
    if (ttlSeconds > 0) {
      const hit = await this.cache.get<PanelData>(key).catch(() => undefined);
      if (hit) return { ...hit, meta: { ...hit.meta, cached: true } };
    }
    const data = await this.data.read(account, panel, query);
    if (ttlSeconds > 0) await this.cache.set(key, data, ttlSeconds * 1000).catch(() => undefined);
    return data;
  }

  /**
   * A panel's data as CSV (RFC 4180, header row, formulas escaped): timeseries one row per point
   * (`metric,service,timestamp,value,min,max`), table every row matching the filter in the requested order (not
   * only one page), kpi one row, health one row per item.
   * @throws AppException 400 for template and image panels (nothing tabular to export)
   */
  async panelCsv(
    account: AccountContext,
    name: string,
    panelId: string,
    query: PanelDataQuery,
  ): Promise<{ fileName: string; csv: string }> {
    const panel = await this.panel(account, name, panelId);
    const stamp = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '');
    const fileName = `${name}-${panelId}-${query.aggregation === 'off' ? 'raw-' : ''}${stamp(new Date(query.from).toISOString())}-${stamp(new Date(query.to).toISOString())}.csv`;
    const write = (rows: Array<Array<string | number | null>>, columns: string[]) =>
      stringify(rows, { header: true, columns, escape_formulas: true, record_delimiter: 'windows' });
    if (panel.type === 'table') {
      const { columns, rows, defaultSort } = await this.data.tableRows(
        account,
        panel,
        query,
        new Date(query.from),
        new Date(query.to),
      );
      const all = tablePage(rows, columns, { ...query, page: 1 }, Number.MAX_SAFE_INTEGER, defaultSort);
      return {
        fileName,
        csv: write(
          all.rows.map((r) => columns.map((c) => r[c.key] ?? null)),
          columns.map((c) => c.key),
        ),
      };
    }
    const data = await this.data.read(account, panel, query);
    switch (data.type) {
      case 'timeseries':
        return {
          fileName,
          csv: write(
            data.series.flatMap((s) =>
              s.points.map((p) => [s.metric, p.service ?? s.service ?? '', p.at, p.value, p.min, p.max]),
            ),
            ['metric', 'service', 'timestamp', 'value', 'min', 'max'],
          ),
        };
      case 'kpi':
        return {
          fileName,
          csv: write(
            [
              [
                data.measure,
                data.value,
                data.unit,
                data.currency,
                data.previous,
                data.change,
                data.threshold?.label ?? null,
              ],
            ],
            ['measure', 'value', 'unit', 'currency', 'previous', 'change', 'threshold'],
          ),
        };
      case 'health_status':
        return {
          fileName,
          csv: write(
            data.items.map((i) => [i.kind, i.id, i.name, i.status, i.reason, i.checkedAt]),
            ['kind', 'id', 'name', 'status', 'reason', 'checked_at'],
          ),
        };
      default:
        throw AppException.validation([
          { path: 'panelId', message: `${data.type} panels have no data to export as CSV` },
        ]);
    }
  }
}
