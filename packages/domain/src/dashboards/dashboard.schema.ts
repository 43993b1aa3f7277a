import { z } from 'zod';
import { translationsSchema } from '../common/translations';
import { isoTimestampSchema } from '../common/date-range.schema';
import { panelSchema, panelsOverlap, type Panel } from './panel.schema';

/**
 * Dashboards as configuration: each file of `config/dashboards/` (operator-owned YAML) is one dashboard, validated
 * at start-up with {@link dashboardFileSchema}. Several files may share a `name` with different scopes: for an
 * account, the most specific applies (account over product over all). A dashboard named `default` scoped to all
 * accounts is mandatory.
 */

/** A dashboard name: lower-case letters, digits and `-` (at most 64); used in addresses. */
export const dashboardNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,63}$/,
    'dashboard names are lower-case letters, digits and -, starting with a letter (at most 64)',
  );
export type DashboardName = z.infer<typeof dashboardNameSchema>;

/** The dashboard every account has (mandatory, scoped to all accounts). */
export const DEFAULT_DASHBOARD_NAME = 'default';

/**
 * Who a dashboard is for: every account (`all: true`), the accounts holding an active service of a WHMCS product
 * (`product`: the product name as WHMCS lists it), or one account (`account`: its Portico id).
 */
export const dashboardScopeSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ product: z.string().min(1).max(200) }).strict(),
  z.object({ account: z.uuid() }).strict(),
]);
export type DashboardScope = z.infer<typeof dashboardScopeSchema>;

/** Specificity of a scope: the most specific dashboard of a name applies. */
export function scopeRank(scope: DashboardScope): number {
  return 'account' in scope ? 2 : 'product' in scope ? 1 : 0;
}

/**
 * The checks across panels of one dashboard (files and saved dashboards alike): panel ids unique, no two panels
 * overlapping on the grid. Issues are added at `panels.<i>.id` / `panels.<i>.gridPos`.
 */
export function checkPanelLayout(panels: readonly Panel[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  panels.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['panels', i, 'id'],
        message: `panel id ${p.id} is also used by panels[${first}]`,
      });
    else seen.set(p.id, i);
    for (let j = 0; j < i; j++) {
      const other = panels[j]!;
      if (panelsOverlap(p.gridPos, other.gridPos)) {
        ctx.addIssue({
          code: 'custom',
          path: ['panels', i, 'gridPos'],
          message: `overlaps panels[${j}] (${other.id})`,
        });
        break;
      }
    }
  });
}

/** One file of `config/dashboards/` (`version: 1`). Panels are validated by `panelSchema`; ids unique, no overlap. */
export const dashboardFileSchema = z
  .object({
    version: z.literal(1),
    name: dashboardNameSchema,
    title: z.string().trim().min(1).max(80),
    description: z.string().max(300).optional(),
    /** `title` and `description` in other languages (`{ de: { title: Übersicht } }`); served translated. */
    translations: translationsSchema({
      title: z.string().trim().min(1).max(80),
      description: z.string().max(300),
    }),
    scope: dashboardScopeSchema.default({ all: true }),
    /** Order of the dashboard in the selector (lower first). */
    order: z.number().int().min(0).max(1000).default(100),
    panels: z.array(panelSchema).min(1).max(40),
  })
  .strict()
  .superRefine((d, ctx) => checkPanelLayout(d.panels, ctx));
export type DashboardFile = z.output<typeof dashboardFileSchema>;

/**
 * Who sees a saved dashboard: `private` only the member who saved it, `shared` every member of the account (each
 * panel's data still checked against the reader's role).
 */
export const dashboardVisibilitySchema = z.enum(['private', 'shared']);
export type DashboardVisibility = z.infer<typeof dashboardVisibilitySchema>;

/**
 * Where a dashboard comes from: `configuration` (the operator's files, read only) or `saved` (saved by an owner or
 * admin from the portal, stored in PostgreSQL).
 */
export const dashboardSourceSchema = z.enum(['configuration', 'saved']);
export type DashboardSource = z.infer<typeof dashboardSourceSchema>;

/** Limits of a saved dashboard: as many panels as a file holds. */
const savedDashboardFields = {
  title: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300).optional(),
  visibility: dashboardVisibilitySchema.default('private'),
  panels: z.array(panelSchema).min(1).max(40),
};

/**
 * Body of `PUT .../dashboards/:name` (replace a saved dashboard): title, description, visibility (default
 * `private`) and panels, validated like a dashboard file (`panelSchema` per panel, ids unique, no overlap; the BFF
 * also checks catalog metrics and panel providers).
 */
export const updateSavedDashboardSchema = z
  .object(savedDashboardFields)
  .strict()
  .superRefine((d, ctx) => checkPanelLayout(d.panels, ctx));
export type UpdateSavedDashboard = z.output<typeof updateSavedDashboardSchema>;
export type UpdateSavedDashboardInput = z.input<typeof updateSavedDashboardSchema>;

/** Body of `POST .../dashboards` (save a new dashboard): as {@link updateSavedDashboardSchema} plus its `name`. */
export const createSavedDashboardSchema = z
  .object({ name: dashboardNameSchema, ...savedDashboardFields })
  .strict()
  .superRefine((d, ctx) => checkPanelLayout(d.panels, ctx));
export type CreateSavedDashboard = z.output<typeof createSavedDashboardSchema>;
export type CreateSavedDashboardInput = z.input<typeof createSavedDashboardSchema>;

/** A dashboard as the BFF serves it (`GET .../dashboards/:name`). */
export const dashboardSchema = z.object({
  name: dashboardNameSchema,
  title: z.string(),
  description: z.string().nullable(),
  source: dashboardSourceSchema.default('configuration'),
  /** Saved dashboards: who sees it; null for configured ones. */
  visibility: dashboardVisibilitySchema.nullable().default(null),
  /** Whether the signed-in member may change or delete it (saved, and an owner or admin). */
  editable: z.boolean().default(false),
  panels: z.array(z.custom<Panel>((v) => typeof v === 'object' && v !== null && 'type' in v && 'id' in v)),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** One entry of `GET .../dashboards`. */
export const dashboardSummarySchema = z.object({
  name: dashboardNameSchema,
  title: z.string(),
  description: z.string().nullable(),
  panelCount: z.number().int(),
  source: dashboardSourceSchema.default('configuration'),
  visibility: dashboardVisibilitySchema.nullable().default(null),
  editable: z.boolean().default(false),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
export const dashboardListSchema = z.object({ items: z.array(dashboardSummarySchema) });
export type DashboardList = z.infer<typeof dashboardListSchema>;

/**
 * A problem of a catalog reference in a dashboard: `path` inside the file, `message`. Returned by
 * {@link checkDashboardReferences}.
 */
export interface DashboardReferenceIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * Checks what the schema cannot: every metric a panel names is in the metric catalog (`metricKeys`), and every
 * per-service panel's metric has the service dimension (`perServiceKeys`).
 */
export function checkDashboardReferences(
  file: DashboardFile,
  metricKeys: ReadonlySet<string>,
  perServiceKeys: ReadonlySet<string>,
): DashboardReferenceIssue[] {
  const issues: DashboardReferenceIssue[] = [];
  const known = (key: string, path: Array<string | number>) => {
    if (!metricKeys.has(key))
      issues.push({
        path,
        message: `unknown metric ${JSON.stringify(key)} (the catalog has ${[...metricKeys].join(', ')})`,
      });
  };
  file.panels.forEach((p, i) => {
    if (p.type === 'timeseries') {
      p.metrics.forEach((m, j) => {
        known(m, ['panels', i, 'metrics', j]);
        if (p.mode === 'per_service' && metricKeys.has(m) && !perServiceKeys.has(m))
          issues.push({
            path: ['panels', i, 'mode'],
            message: `${m} is measured per account: mode per_service needs per-service metrics`,
          });
      });
    }
    if ((p.type === 'kpi' || p.type === 'table') && p.metric !== undefined)
      known(p.metric, ['panels', i, 'metric']);
  });
  return issues;
}

/**
 * Query of a panel's data (`GET .../panels/:panelId/data`). `from`/`to`: the dashboard's global range (ISO 8601,
 * `from` before `to`, at most 400 days). `aggregation=off` returns raw points (timeseries, at most 31 days).
 * `series`: one metric of a timeseries panel. `sort` (`column` or `column:asc|desc`), `filter` (case-insensitive
 * text), `page` (from 1): table panels.
 */
export const panelDataQuerySchema = z
  .object({
    from: isoTimestampSchema,
    to: isoTimestampSchema,
    aggregation: z.enum(['on', 'off']).default('on'),
    series: z.string().max(64).optional(),
    sort: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}(:(asc|desc))?$/, 'sort is column or column:asc|desc')
      .optional(),
    filter: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict()
  .superRefine((q, ctx) => {
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    else if (span > 400 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range spans at most 400 days' });
    else if (q.aggregation === 'off' && span > 31 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['aggregation'], message: 'raw points span at most 31 days' });
  });
export type PanelDataQuery = z.infer<typeof panelDataQuerySchema>;
