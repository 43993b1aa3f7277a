import { z } from 'zod';
import type { Locale } from '../auth/auth.schema';
import { translated, translationsSchema } from '../common/translations';
import { usageMetricKeySchema } from '../usage/metric-catalog.schema';

/**
 * Panels: the tiles of a dashboard (Grafana's panel model, reduced). Each panel has a `type`, an `id` unique in its
 * dashboard, a title, a position on the 12-column grid and a refresh interval; its data source names Portico's own
 * resources and catalog metrics (never SQL). Operators write panels in `config/dashboards/*.yaml`
 * ({@link dashboardFileSchema}); the BFF serves each panel's data at
 * `GET /api/v1/accounts/:accountId/dashboards/:name/panels/:panelId/data`.
 */

/** Columns of the dashboard grid. */
export const GRID_COLUMNS = 12;

/** A panel id: lower-case letters, digits and `-`, starting with a letter (at most 64). Unique in its dashboard. */
export const panelIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,63}$/,
    'panel ids are lower-case letters, digits and -, starting with a letter (at most 64)',
  );
export type PanelId = z.infer<typeof panelIdSchema>;

/**
 * Position and size of a panel on the grid, in grid units: `x` the column (0-11), `y` the row (0 at the top), `w`
 * the width in columns (1-12; `x + w` at most 12), `h` the height in rows (one row is about 80 px in the portal).
 */
export const gridPositionSchema = z
  .object({
    x: z
      .number()
      .int()
      .min(0)
      .max(GRID_COLUMNS - 1),
    y: z.number().int().min(0).max(1000),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    h: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((p) => p.x + p.w <= GRID_COLUMNS, {
    message: `x + w must be at most ${GRID_COLUMNS}`,
    path: ['w'],
  });
export type GridPosition = z.infer<typeof gridPositionSchema>;

/** The panel types. */
export const panelTypeSchema = z.enum(['timeseries', 'kpi', 'health_status', 'table', 'template', 'image']);
export type PanelType = z.infer<typeof panelTypeSchema>;

/** Size of a panel of each type when its `gridPos` gives no `w`/`h`. */
export const DEFAULT_PANEL_SIZE: Readonly<Record<PanelType, { w: number; h: number }>> = {
  timeseries: { w: 6, h: 4 },
  kpi: { w: 3, h: 2 },
  health_status: { w: 6, h: 3 },
  table: { w: 12, h: 5 },
  template: { w: 6, h: 3 },
  image: { w: 6, h: 3 },
};

/** Refresh interval of a panel of each type when it gives none, in seconds (0: no automatic refresh). */
export const DEFAULT_PANEL_REFRESH_SECONDS: Readonly<Record<PanelType, number>> = {
  timeseries: 300,
  kpi: 300,
  health_status: 60,
  table: 300,
  template: 600,
  image: 3600,
};

/** Threshold colours (the portal maps them to its palette). */
export const thresholdColorSchema = z.enum(['green', 'amber', 'red', 'blue', 'grey']);
export type ThresholdColor = z.infer<typeof thresholdColorSchema>;

const thresholdLabelSchema = z.string().min(1).max(40);

/**
 * One threshold step of a KPI (Grafana's model): the colour and label apply from `value` (inclusive, in the KPI's
 * unit) up to the next step. Steps are listed in ascending `value`; a value below the first step has no colour. The
 * label is configured text: `translations` words it in other languages (`{ de: { label: gut } }`).
 */
export const kpiThresholdSchema = z
  .object({
    value: z.number().finite(),
    color: thresholdColorSchema,
    label: thresholdLabelSchema,
    translations: translationsSchema({ label: thresholdLabelSchema }),
  })
  .strict();
export type KpiThreshold = z.infer<typeof kpiThresholdSchema>;

/**
 * What a KPI shows, for a usage-billed customer:
 * - `allowance_used`: the metric's use this billing period (gauge: latest; counter: total), unit of the metric;
 * - `allowance_left`: the limit minus the use, never below 0 (null without a limit);
 * - `allowance_used_ratio`: use / limit, in percent;
 * - `overage`: use above the limit (0 when within), unit of the metric;
 * - `overage_cost`: the overage priced with the panel's `overagePrice`, money;
 * - `usage_total`: the metric over the selected range (counter: sum; gauge: average), unit of the metric;
 * - `next_invoice_estimate`: recurring amounts of the services whose next due date falls in the current billing
 *   period plus the projected overage cost (`overagePrice`), money.
 * Each comes with the same figure for the previous period of the same length (the trend).
 */
export const kpiMeasureSchema = z.enum([
  'allowance_used',
  'allowance_left',
  'allowance_used_ratio',
  'overage',
  'overage_cost',
  'usage_total',
  'next_invoice_estimate',
]);
export type KpiMeasure = z.infer<typeof kpiMeasureSchema>;

/** Price of overage: `amountMinor` (ISO 4217 minor units of `currency`) per `per` units of the metric (e.g. per GiB). */
export const overagePriceSchema = z
  .object({
    amountMinor: z.number().int().min(0),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code'),
    per: z.number().positive().finite().default(1),
  })
  .strict();
export type OveragePrice = z.infer<typeof overagePriceSchema>;

const panelTitleSchema = z.string().trim().min(1).max(80);
const panelDescriptionSchema = z.string().max(300);

const panelBase = {
  id: panelIdSchema,
  title: panelTitleSchema,
  description: panelDescriptionSchema.optional(),
  /** `title` and `description` in other languages (`{ de: { title: 'Speicherplatz' } }`); served translated. */
  translations: translationsSchema({ title: panelTitleSchema, description: panelDescriptionSchema }),
  /** Position on the grid; `w`/`h` default to {@link DEFAULT_PANEL_SIZE}, `x`/`y` are required. */
  gridPos: z
    .object({ x: z.number(), y: z.number(), w: z.number().optional(), h: z.number().optional() })
    .strict(),
  /** Seconds between automatic refreshes (0: none; at least 15); defaults to {@link DEFAULT_PANEL_REFRESH_SECONDS}. */
  refreshSeconds: z
    .number()
    .int()
    .refine((s) => s === 0 || (s >= 15 && s <= 86_400), 'refreshSeconds is 0 (off) or 15..86400')
    .optional(),
};

const yLabelSchema = z.string().max(60);

/** `timeseries`: one to five catalog metrics over the selected range, per service or summed, with projections. */
export const timeseriesPanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('timeseries'),
    metrics: z.array(usageMetricKeySchema).min(1).max(5),
    /** `sum`: one series per metric across services; `per_service`: one per service (per-service metrics only). */
    mode: z.enum(['sum', 'per_service']).default('sum'),
    /** Draw the projection to the end of the billing period when the range reaches the present. */
    projection: z.boolean().default(true),
    /** Y-axis label; defaults to the first metric's label and unit. */
    yLabel: yLabelSchema.optional(),
    /** `title`, `description` and `yLabel` in other languages; served translated. */
    translations: translationsSchema({
      title: panelTitleSchema,
      description: panelDescriptionSchema,
      yLabel: yLabelSchema,
    }),
  })
  .strict();

/** `kpi`: one figure with unit, decimals, thresholds and the change against the previous period. */
export const kpiPanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('kpi'),
    measure: kpiMeasureSchema,
    /** The catalog metric measured (every measure but `next_invoice_estimate`, where it names the priced metric). */
    metric: usageMetricKeySchema.optional(),
    decimals: z.number().int().min(0).max(4).default(1),
    thresholds: z
      .array(kpiThresholdSchema)
      .max(6)
      .default([])
      .refine(
        (t) => t.every((s, i) => i === 0 || s.value > t[i - 1]!.value),
        'thresholds must be in ascending value',
      ),
    /** Price of overage (`overage_cost`, `next_invoice_estimate`), per plan: the operator's configuration. */
    overagePrice: overagePriceSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.measure !== 'next_invoice_estimate' && p.metric === undefined)
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `measure ${p.measure} needs a metric` });
    if (
      (p.measure === 'overage_cost' || (p.measure === 'next_invoice_estimate' && p.metric !== undefined)) &&
      p.overagePrice === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['overagePrice'],
        message: `measure ${p.measure} needs overagePrice`,
      });
    }
  });

/** `health_status`: red/amber/green per service (WHMCS status) and per upstream (circuit breakers). */
export const healthStatusPanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('health_status'),
    sources: z
      .array(z.enum(['services', 'upstreams']))
      .min(1)
      .default(['services', 'upstreams']),
  })
  .strict();

/** Resources a `table` panel lists. */
export const tableSourceSchema = z.enum(['invoices', 'cases', 'services', 'usage_points', 'audit_events']);
export type TableSource = z.infer<typeof tableSourceSchema>;

/** `table`: one resource, sorted, filtered and paginated on the server. */
export const tablePanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('table'),
    source: tableSourceSchema,
    /** The metric of `usage_points`. */
    metric: usageMetricKeySchema.optional(),
    pageSize: z.number().int().min(5).max(100).default(10),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.source === 'usage_points' && p.metric === undefined)
      ctx.addIssue({ code: 'custom', path: ['metric'], message: 'source usage_points needs a metric' });
    if (p.source !== 'usage_points' && p.metric !== undefined)
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `source ${p.source} takes no metric` });
  });

/** A custom panel provider's name: lower-case letters, digits and `-`/`_`. */
export const panelProviderNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'provider names are lower-case letters, digits, - and _');

/**
 * A logic-less (Mustache) template. Only escaping tags are allowed: `{{{name}}}` and `{{& name}}` (unescaped
 * output) are refused, so no HTML from data reaches the page unescaped; the template's own text is HTML-escaped
 * before rendering too, so no markup from configuration reaches the page either. A missing value renders empty.
 */
export const panelTemplateSchema = z
  .string()
  .min(1)
  .max(4000)
  .refine((t) => !/\{\{\s*[{&]/.test(t), 'unescaped tags ({{{...}}} and {{& ...}}) are not allowed')
  .refine((t) => !/\{\{\s*=/.test(t), 'set-delimiter tags ({{=...=}}) are not allowed')
  .refine((t) => !/\{\{\s*>/.test(t), 'partials ({{> ...}}) are not allowed');

/** `template`: a custom provider's data rendered through a Mustache template (escaping only). */
export const templatePanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('template'),
    provider: panelProviderNameSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    template: panelTemplateSchema,
    /**
     * `title`, `description` and `template` in other languages (the same provider's view, other words); served
     * translated, so the BFF renders the reader's template.
     */
    translations: translationsSchema({
      title: panelTitleSchema,
      description: panelDescriptionSchema,
      template: panelTemplateSchema,
    }),
  })
  .strict();

const altSchema = z.string().min(1).max(200);

/** `image`: an SVG or PNG a custom provider renders on the server. */
export const imagePanelInputSchema = z
  .object({
    ...panelBase,
    type: z.literal('image'),
    provider: panelProviderNameSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    /** Text alternative of the image. */
    alt: altSchema,
    /** `title`, `description` and `alt` in other languages; served translated. */
    translations: translationsSchema({
      title: panelTitleSchema,
      description: panelDescriptionSchema,
      alt: altSchema,
    }),
  })
  .strict();

/** A panel as an operator writes it (defaults not yet applied). */
export const panelInputSchema = z.discriminatedUnion('type', [
  timeseriesPanelInputSchema,
  kpiPanelInputSchema,
  healthStatusPanelInputSchema,
  tablePanelInputSchema,
  templatePanelInputSchema,
  imagePanelInputSchema,
]);
export type PanelInput = z.input<typeof panelInputSchema>;

type Normalise<T> = T extends { gridPos: unknown; refreshSeconds?: unknown }
  ? Omit<T, 'gridPos' | 'refreshSeconds'> & { gridPos: GridPosition; refreshSeconds: number }
  : never;

/** A panel with its defaults applied: full grid position and refresh interval. */
export type Panel = Normalise<z.output<typeof panelInputSchema>>;
export type TimeseriesPanel = Extract<Panel, { type: 'timeseries' }>;
export type KpiPanel = Extract<Panel, { type: 'kpi' }>;
export type HealthStatusPanel = Extract<Panel, { type: 'health_status' }>;
export type TablePanel = Extract<Panel, { type: 'table' }>;
export type TemplatePanel = Extract<Panel, { type: 'template' }>;
export type ImagePanel = Extract<Panel, { type: 'image' }>;

/**
 * A panel, validated, with its defaults applied (size per type, refresh per type) and its grid position checked.
 * This is the shape the BFF serves (`GET .../dashboards/:name`).
 */
export const panelSchema = panelInputSchema.transform((p, ctx): Panel => {
  const size = DEFAULT_PANEL_SIZE[p.type];
  const pos = { x: p.gridPos.x, y: p.gridPos.y, w: p.gridPos.w ?? size.w, h: p.gridPos.h ?? size.h };
  const checked = gridPositionSchema.safeParse(pos);
  if (!checked.success) {
    for (const issue of checked.error.issues)
      ctx.addIssue({ code: 'custom', path: ['gridPos', ...issue.path.map(String)], message: issue.message });
    return z.NEVER;
  }
  return {
    ...p,
    gridPos: checked.data,
    refreshSeconds: p.refreshSeconds ?? DEFAULT_PANEL_REFRESH_SECONDS[p.type],
  };
});

/**
 * `panel` in `locale`, as the BFF serves a configured panel: its texts (title, description, and per type the y-axis
 * label, template or image alternative) and its KPI threshold labels replaced by their `translations` for the
 * language, every `translations` field dropped. English, or a language without translations, keeps the own texts.
 */
export function translatedPanel(panel: Panel, locale: Locale): Panel {
  const own = translated(panel, locale) as Panel;
  return own.type === 'kpi' ? { ...own, thresholds: own.thresholds.map((t) => translated(t, locale)) } : own;
}

/** Whether two grid positions overlap. */
export function panelsOverlap(a: GridPosition, b: GridPosition): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
