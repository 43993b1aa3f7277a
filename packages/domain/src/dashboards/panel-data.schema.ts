import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { moneySchema } from '../common/money.schema';
import { usageBucketSchema, usageProjectionSchema } from '../usage/usage.schema';
import { usageMetricKindSchema, usageUnitSchema } from '../usage/metric-catalog.schema';
import { kpiMeasureSchema, thresholdColorSchema } from './panel.schema';

/**
 * The data of one panel (`GET .../dashboards/:name/panels/:panelId/data`), by panel type. Every answer carries
 * `meta`: when its figures were read (`fetchedAt`), whether they came from the per-account panel cache
 * (`cached`), and the range it covers. Its texts are in the language the request's `Accept-Language` prefers
 * (English or German): configured texts (labels, thresholds, templates) from their `translations`, and the words,
 * numbers and dates the BFF composes (column headers, KPI details, the heatmap) worded and formatted for it.
 */

export const panelDataMetaSchema = z.object({
  fetchedAt: isoTimestampSchema,
  cached: z.boolean(),
  from: isoTimestampSchema,
  to: isoTimestampSchema,
});
export type PanelDataMeta = z.infer<typeof panelDataMetaSchema>;

/**
 * One point: the bucket's start `at`, `value` (gauge average, counter sum, or the raw value), gauge min/max; raw
 * points (aggregation off) also name their `service` (null for per-account metrics).
 */
export const panelPointSchema = z.object({
  at: isoTimestampSchema,
  value: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  service: z.string().nullable().optional(),
});
export type PanelPoint = z.infer<typeof panelPointSchema>;

/** One series of a timeseries panel: one metric, summed across services (`service` null) or one service. */
export const panelSeriesSchema = z.object({
  metric: z.string(),
  label: z.string(),
  unit: usageUnitSchema,
  /** gauge: points are levels; counter: points are per-bucket sums (the limit and projection are period totals). */
  kind: usageMetricKindSchema,
  service: z.string().nullable(),
  points: z.array(panelPointSchema),
  /** The limit in the metric's unit (null: none or unknown). */
  limit: z.number().nullable(),
  /** Projection to the end of the billing period (null: range not reaching now, too little history, or off). */
  projection: usageProjectionSchema.nullable(),
});
export type PanelSeries = z.infer<typeof panelSeriesSchema>;

export const timeseriesPanelDataSchema = z.object({
  type: z.literal('timeseries'),
  /** `raw` with `aggregation=off`. */
  bucket: usageBucketSchema,
  /** The y-axis label: the panel's own, or the first metric's label and unit (`Disk space (bytes)`), in the language. */
  yLabel: z.string(),
  series: z.array(panelSeriesSchema),
  /** True when raw points were cut at the read limit (aggregation off). */
  truncated: z.boolean(),
  meta: panelDataMetaSchema,
});

/** The threshold step a KPI value falls in, its configured label in the reader's language. */
export const kpiThresholdHitSchema = z.object({ color: thresholdColorSchema, label: z.string() });

export const kpiPanelDataSchema = z.object({
  type: z.literal('kpi'),
  measure: kpiMeasureSchema,
  /** The figure in `unit` (null: unknown, e.g. no limit); money figures in minor units of `currency`. */
  value: z.number().nullable(),
  /** `bytes`, `seconds`, `count`, `requests`, `percent` or `money`. */
  unit: z.union([usageUnitSchema, z.literal('percent'), z.literal('money')]),
  currency: z.string().nullable(),
  decimals: z.number().int(),
  /** The same figure over the previous period of the same length (null when unknown). */
  previous: z.number().nullable(),
  /** (value - previous) / previous; null when either is unknown or previous is 0. */
  change: z.number().nullable(),
  threshold: kpiThresholdHitSchema.nullable(),
  /** One line explaining the figure, in the reader's language (`4.2 GB of 10 GB`, German `4,2 GB von 10 GB`). */
  detail: z.string().nullable(),
  /** Money parts of `next_invoice_estimate`: recurring amounts and projected overage, labelled in the language. */
  parts: z.array(z.object({ label: z.string(), amount: moneySchema })).default([]),
  meta: panelDataMetaSchema,
});

export const healthColorSchema = z.enum(['green', 'amber', 'red']);
export type HealthColor = z.infer<typeof healthColorSchema>;

/**
 * Why a health item has its colour, as a code the portal words in its language: a service's WHMCS status
 * (`service_*`), an upstream's circuit breaker (`upstream_*`).
 */
export const healthReasonCodeSchema = z.enum([
  'service_active',
  'service_pending',
  'service_suspended',
  'service_blocked',
  'upstream_answering',
  'upstream_recovering',
  'upstream_rate_limited',
  'upstream_failing',
]);
export type HealthReasonCode = z.infer<typeof healthReasonCodeSchema>;

export const healthItemSchema = z.object({
  kind: z.enum(['service', 'upstream']),
  id: z.string(),
  /** A service's product (and domain); for an upstream, its provider name as the BFF writes it in English. */
  name: z.string(),
  status: healthColorSchema,
  /** Why it has that colour, in plain English words (WHMCS status, breaker state and reason). */
  reason: z.string(),
  /** {@link reason} as a code. */
  reasonCode: healthReasonCodeSchema,
  /** Until when calls to an upstream are paused (ISO 8601), when its breaker is open and says so; else null. */
  retryAt: isoTimestampSchema.nullable(),
  /** The billing system could not be reached: a service's status is the last copy, as of {@link checkedAt}. */
  stale: z.boolean(),
  /** When it was last checked (ISO 8601). */
  checkedAt: isoTimestampSchema,
});
export type HealthItem = z.infer<typeof healthItemSchema>;

export const healthStatusPanelDataSchema = z.object({
  type: z.literal('health_status'),
  items: z.array(healthItemSchema),
  meta: panelDataMetaSchema,
});

/**
 * A table column: `key` of the rows (stable: sorting, CSV headers), header `label` in the reader's language
 * (`Invoice`, German `Rechnung`), value `kind` (for formatting and sorting).
 */
/**
 * The enumeration a column's values come from (`invoice`: an invoice's status, `subscription`: a service's, `case`: a
 * support case's, `priority`: a case's priority, `audit_action`: an audit event's action such as `member.invited`),
 * so the portal words each value in the reader's language as its own pages do. The cells keep the domain's value
 * (`unpaid`): sorting, the filter and CSV exports use it.
 */
export const tableVocabularySchema = z.enum(['invoice', 'subscription', 'case', 'priority', 'audit_action']);
export type TableVocabulary = z.infer<typeof tableVocabularySchema>;

/**
 * A column of a table panel: `key` of its cells in each row, `label` (in the request's language), `kind` of value,
 * `vocabulary` of coded cells, and for a `number` column of usage values their `unit` (the metric catalog's:
 * `bytes`, `seconds`, `count`, `requests`): the portal scales and words each value with it (`1.8 GB`), while
 * sorting, the filter and CSV exports keep the raw number.
 */
export const tableColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'number', 'date', 'money', 'status']),
  vocabulary: tableVocabularySchema.optional(),
  unit: usageUnitSchema.optional(),
});
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableCellSchema = z.union([z.string(), z.number(), z.null()]);
export const tablePanelDataSchema = z.object({
  type: z.literal('table'),
  columns: z.array(tableColumnSchema),
  rows: z.array(z.record(z.string(), tableCellSchema)),
  page: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }),
  sort: z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) }),
  filter: z.string().nullable(),
  meta: panelDataMetaSchema,
});

/**
 * A template panel: the rendered template as HTML that holds no markup at all: the template's own text is
 * HTML-escaped before rendering and every value by the template library, so `html` never contains `<`. The portal
 * shows it with line breaks kept. The template is the reader's language's (the panel's `translations`), and the
 * provider's numbers, units and dates are formatted for it (`44,9 GB`, `01.07.2026`).
 */
export const templatePanelDataSchema = z.object({
  type: z.literal('template'),
  html: z.string().refine((h) => !h.includes('<'), 'rendered templates hold no markup'),
  meta: panelDataMetaSchema,
});

/**
 * An image panel: the image the provider rendered (`image/svg+xml` as text, `image/png` as base64), its texts and
 * `alt` in the reader's language.
 */
export const imagePanelDataSchema = z.object({
  type: z.literal('image'),
  mediaType: z.enum(['image/svg+xml', 'image/png']),
  body: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt: z.string(),
  meta: panelDataMetaSchema,
});

export const panelDataSchema = z.discriminatedUnion('type', [
  timeseriesPanelDataSchema,
  kpiPanelDataSchema,
  healthStatusPanelDataSchema,
  tablePanelDataSchema,
  templatePanelDataSchema,
  imagePanelDataSchema,
]);
export type PanelData = z.infer<typeof panelDataSchema>;
export type TimeseriesPanelData = z.infer<typeof timeseriesPanelDataSchema>;
export type KpiPanelData = z.infer<typeof kpiPanelDataSchema>;
export type HealthStatusPanelData = z.infer<typeof healthStatusPanelDataSchema>;
export type TablePanelData = z.infer<typeof tablePanelDataSchema>;
export type TemplatePanelData = z.infer<typeof templatePanelDataSchema>;
export type ImagePanelData = z.infer<typeof imagePanelDataSchema>;

/** The threshold step `value` falls in: the last step whose value is at most `value` (null below the first). */
export function thresholdFor<T extends { value: number }>(
  thresholds: readonly T[],
  value: number | null,
): T | null {
  if (value === null) return null;
  let hit: T | null = null;
  for (const t of thresholds) if (value >= t.value) hit = t;
  return hit;
}

/** Relative change from `previous` to `value`; null when unknown or `previous` is 0. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}
