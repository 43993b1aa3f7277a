import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  dashboardNameSchema,
  panelIdSchema,
  roleHasPermission,
  translated,
  translatedPanel,
  type CreateSavedDashboard,
  type Dashboard,
  type DashboardList,
  type DashboardSource,
  type DashboardVisibility,
  type Locale,
  type Panel,
  type PanelData,
  type PanelDataQuery,
  type UpdateSavedDashboard,
} from '@portico/domain';
import { stringify } from 'csv-stringify/sync';
import type { AccountContext } from '../../core/auth';
import { CachePort } from '../../core/cache/cache.port';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { BillingService } from '../billing/billing.service';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import { checkDashboardSemantics, dashboardsFor } from './dashboard-config';
import { DashboardConfigService } from './dashboard-config.service';
import { panelPermissions } from './panel-permissions';
import { PanelDataService } from './panel-data.service';
import {
  SavedDashboardNameTaken,
  SavedDashboardsRepository,
  type SavedDashboardRow,
  type SavedDashboardWrite,
} from './saved-dashboards.repository';
import { tablePage } from './table-page';

/** A dashboard an account's member sees: a configured one (the operator's files) or a saved one. */
export interface ResolvedDashboard {
  name: string;
  title: string;
  description: string | null;
  panels: Panel[];
  source: DashboardSource;
  /** Saved dashboards: who sees it; null for configured ones. */
  visibility: DashboardVisibility | null;
  /** Saved dashboards: the row and its creator. */
  saved: SavedDashboardRow | null;
}

/**
 * Who reads: the account (with the member's role), the signed-in member and the language configured texts are
 * served in (`locale`, default English: dashboard and panel titles and descriptions, metric labels).
 */
export type DashboardReader = AccountContext & { userId: string; locale?: Locale };

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
    private readonly saved: SavedDashboardsRepository,
    private readonly catalog: MetricCatalogService,
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

  /**
   * The configured dashboards of the account (one account over its products over all), in their order, with their
   * titles and descriptions and their panels' texts (titles, threshold labels, templates, ...) in the reader's
   * language (the files' `translations`). Saved
   * dashboards are served as saved: the editor sends back what it read.
   */
  private async configured(reader: DashboardReader): Promise<ResolvedDashboard[]> {
    const locale = reader.locale ?? 'en';
    return dashboardsFor(this.config.config, {
      accountId: reader.accountId,
      products: await this.products(reader),
    })
      .map((file) => translated(file, locale))
      .map((d) => ({
        name: d.name,
        title: d.title,
        description: d.description ?? null,
        panels: d.panels.map((p) => translatedPanel(p, locale)),
        source: 'configuration' as const,
        visibility: null,
        saved: null,
      }));
  }

  private static fromSaved(row: SavedDashboardRow): ResolvedDashboard {
    return {
      name: row.name,
      title: row.title,
      description: row.description,
      panels: row.panels,
      source: 'saved',
      visibility: row.visibility,
      saved: row,
    };
  }

  /**
   * Every dashboard the member sees: the configured ones first (in their order), then the saved ones (shared, and
   * the member's own private ones) by title. A saved one whose name a configured dashboard took later is hidden.
   */
  private async visible(reader: DashboardReader): Promise<ResolvedDashboard[]> {
    const [configured, saved] = await Promise.all([
      this.configured(reader),
      this.saved.list(reader.accountId, reader.userId),
    ]);
    const taken = new Set(configured.map((d) => d.name));
    return [
      ...configured,
      ...saved.filter((r) => !taken.has(r.name)).map((r) => DashboardsService.fromSaved(r)),
    ];
  }

  /** Whether the member may change `d` (a saved dashboard, and the role grants `dashboards:manage`). */
  private static editable(reader: DashboardReader, d: ResolvedDashboard): boolean {
    return d.source === 'saved' && roleHasPermission(reader.role, 'dashboards:manage');
  }

  async list(reader: DashboardReader): Promise<DashboardList> {
    const items = await this.visible(reader);
    return {
      items: items.map((d) => ({
        name: d.name,
        title: d.title,
        description: d.description,
        panelCount: d.panels.length,
        source: d.source,
        visibility: d.visibility,
        editable: DashboardsService.editable(reader, d),
      })),
    };
  }

  /** @throws AppException 404 for a name the member has no dashboard of (another member's private one included) */
  async get(reader: DashboardReader, name: string): Promise<Dashboard> {
    return this.present(reader, await this.find(reader, name));
  }

  private present(reader: DashboardReader, d: ResolvedDashboard): Dashboard {
    return {
      name: d.name,
      title: d.title,
      description: d.description,
      source: d.source,
      visibility: d.visibility,
      editable: DashboardsService.editable(reader, d),
      panels: d.panels,
    };
  }

  private async find(reader: DashboardReader, name: string): Promise<ResolvedDashboard> {
    if (!dashboardNameSchema.safeParse(name).success) throw AppException.notFound('Dashboard not found');
    const configured = (await this.configured(reader)).find((x) => x.name === name);
    if (configured) return configured;
    const row = await this.saved.find(reader.accountId, reader.userId, name);
    if (!row) throw AppException.notFound('Dashboard not found');
    return DashboardsService.fromSaved(row);
  }

  /**
   * Validates a saved dashboard's panels beyond the schema (catalog metrics, panel providers, as the dashboard
   * files are) and that the name is not a configured dashboard's.
   * @throws AppException 400 `validation_failed` with a detail per problem (`body.panels.<i>...`, `body.name`)
   */
  private checkSaved(name: string, body: { panels: Panel[] }): void {
    const details = checkDashboardSemantics(body, this.catalog.catalog).map((i) => ({
      path: ['body', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    if (this.config.config.dashboards.some((d) => d.name === name))
      details.push({ path: 'body.name', message: `${name} is the name of a configured dashboard` });
    if (details.length > 0) throw AppException.validation(details, 'The dashboard is not valid');
  }

  private static write(body: UpdateSavedDashboard): SavedDashboardWrite {
    return {
      title: body.title,
      description: body.description ? body.description : null,
      visibility: body.visibility,
      panels: body.panels,
    };
  }

  /**
   * Saves a new dashboard of the account (`dashboards:manage`).
   * @throws AppException 400 `validation_failed` (unknown metric or provider, a configured dashboard's name), 409
   *   `conflict` when the account already has a saved dashboard of the name
   */
  async create(reader: DashboardReader, body: CreateSavedDashboard): Promise<Dashboard> {
    this.checkSaved(body.name, body);
    try {
      const row = await this.saved.create(
        reader.accountId,
        reader.userId,
        body.name,
        DashboardsService.write(body),
      );
      return this.present(reader, DashboardsService.fromSaved(row));
    } catch (err) {
      if (err instanceof SavedDashboardNameTaken)
        throw new AppException('conflict', `A dashboard named ${body.name} already exists`, [
          { path: 'body.name', message: 'already taken' },
        ]);
      throw err;
    }
  }

  /**
   * Replaces a saved dashboard (`dashboards:manage`): title, description, visibility, panels. Only its creator may
   * make a shared dashboard private.
   * @throws AppException 404 for no saved dashboard of the name (configured ones are read only: 404 too), 400 as
   *   {@link create}, 403 for making another member's dashboard private
   */
  async update(reader: DashboardReader, name: string, body: UpdateSavedDashboard): Promise<Dashboard> {
    const row = await this.savedOnly(reader, name);
    if (body.visibility === 'private' && row.createdByUserId !== reader.userId)
      throw AppException.forbidden('Only the member who saved this dashboard can make it private');
    this.checkSaved(name, body);
    const updated = await this.saved.update(reader.accountId, row.id, DashboardsService.write(body));
    if (!updated) throw AppException.notFound('Dashboard not found');
    return this.present(reader, DashboardsService.fromSaved(updated));
  }

  /**
   * Deletes a saved dashboard (`dashboards:manage`).
   * @throws AppException 404 for no saved dashboard of the name the member sees (configured ones cannot be deleted)
   */
  async delete(reader: DashboardReader, name: string): Promise<void> {
    const row = await this.savedOnly(reader, name);
    if (!(await this.saved.delete(reader.accountId, row.id)))
      throw AppException.notFound('Dashboard not found');
  }

  private async savedOnly(reader: DashboardReader, name: string): Promise<SavedDashboardRow> {
    const d = await this.find(reader, name);
    if (!d.saved) throw AppException.notFound('Configured dashboards cannot be changed from the portal');
    return d.saved;
  }

  /**
   * @throws AppException 404 for an unknown dashboard or panel (also another account's), 403 when the member's role
   *   lacks a permission of the panel's data
   */
  async panel(account: DashboardReader, name: string, panelId: string): Promise<Panel> {
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
    account: DashboardReader,
    name: string,
    panelId: string,
    query: PanelDataQuery,
  ): Promise<PanelData> {
    const panel = await this.panel(account, name, panelId);
    const ttlSeconds = Math.min(
      this.env.DASHBOARD_PANEL_CACHE_SECONDS,
      panel.refreshSeconds === 0 ? this.env.DASHBOARD_PANEL_CACHE_SECONDS : panel.refreshSeconds,
    );
    // The panel's definition is part of the key (a reloaded configuration never serves data of the old panel), and so
    // is the reader's language (metric labels, column headers, details, numbers and dates in the data).
    const digest = createHash('sha256')
      .update(JSON.stringify([panel, query, account.locale ?? 'en']))
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
    account: DashboardReader,
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
