import { z } from 'zod';
import { translationsSchema } from '../common/translations';

/**
 * The metric catalog: every metered quantity Portico knows, with its unit, its kind (gauge or counter), whether it
 * is measured per service, where its samples come from and where its limit comes from. Operators own it as a file
 * (`config/metrics.yaml`, parsed with {@link metricCatalogFileSchema}); the BFF validates it at start-up and serves
 * the normalised {@link MetricCatalog} to the portal. Nothing else lists metrics.
 */

/** A metric key: lower-case letters, digits and `_`, starting with a letter (at most 64 characters). */
export const usageMetricKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'metric keys are lower-case letters, digits and _, starting with a letter (at most 64)',
  );
export type UsageMetricKey = z.infer<typeof usageMetricKeySchema>;

/** Unit of a metric's values: `bytes`, `seconds`, `count` (things) or `requests`. */
export const usageUnitSchema = z.enum(['bytes', 'seconds', 'count', 'requests']);
export type UsageUnit = z.infer<typeof usageUnitSchema>;

/**
 * Kind of a metric.
 * - `gauge`: a level at an instant (disk in use). A bucket shows the average of its samples with min and max; the
 *   period value is the latest value.
 * - `counter`: an amount accrued since the previous sample (bytes transferred, requests served). A bucket shows the
 *   sum of its samples; the period value is the sum over the billing period.
 */
export const usageMetricKindSchema = z.enum(['gauge', 'counter']);
export type UsageMetricKind = z.infer<typeof usageMetricKindSchema>;

/**
 * WHMCS figures a metric can be recorded from, by the WHMCS usage sync (`GetClientsProducts`, per service, refreshed
 * by WHMCS's daily cron): `diskusage` (MB in use, a gauge) and `bwusage` (MB transferred this month, a counter).
 */
export const whmcsUsageFieldSchema = z.enum(['diskusage', 'bwusage']);
export type WhmcsUsageField = z.infer<typeof whmcsUsageFieldSchema>;

/** WHMCS plan limits a metric's limit can come from: `disklimit` / `bwlimit` (MB per service, `0` = unlimited). */
export const whmcsLimitFieldSchema = z.enum(['disklimit', 'bwlimit']);
export type WhmcsLimitField = z.infer<typeof whmcsLimitFieldSchema>;

/**
 * Where a metric's limit comes from.
 * - `whmcs`: the sum of the field over the account's active services (a service with `0` makes it unlimited);
 * - `config`: a fixed `value` in the metric's unit, for the account (`per: account`) or for each service
 *   (`per: service`, multiplied by the active services carrying the metric);
 * - `none`: no limit.
 */
export const usageLimitSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('whmcs'), field: whmcsLimitFieldSchema }),
  z.object({
    from: z.literal('config'),
    value: z.number().positive().finite(),
    per: z.enum(['account', 'service']),
  }),
  z.object({ from: z.literal('none') }),
]);
export type UsageLimitSource = z.infer<typeof usageLimitSourceSchema>;

/** `translations` of a metric: its label and description per language. */
const metricTextTranslations = translationsSchema({
  label: z.string().min(1).max(80),
  description: z.string().max(300),
});

/** One metric of the catalog, normalised. */
export const metricDefinitionSchema = z.object({
  key: usageMetricKeySchema,
  /** How a customer names it (`Disk space`). */
  label: z.string().min(1).max(80),
  /** One sentence for the usage page (`Space in use on your services.`). */
  description: z.string().max(300),
  /**
   * `label` and `description` in other languages (`{ de: { label: 'Speicherplatz' } }`), from the file; the BFF serves
   * each reader the texts of their language (`translated`) without this field.
   */
  translations: metricTextTranslations,
  unit: usageUnitSchema,
  kind: usageMetricKindSchema,
  /** Samples carry a service (WHMCS service id); false: one series per account. */
  perService: z.boolean(),
  /** Recorded by the WHMCS usage sync from this figure; null when WHMCS does not measure it. */
  whmcs: whmcsUsageFieldSchema.nullable(),
  /** Metering systems may send it through `POST /api/v1/usage/samples`. */
  ingest: z.boolean(),
  limit: usageLimitSourceSchema,
});
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;

/** The catalog as the BFF serves it: metrics in the file's order. */
export const metricCatalogSchema = z.object({ metrics: z.array(metricDefinitionSchema) });
export type MetricCatalog = z.infer<typeof metricCatalogSchema>;

const WHMCS_KIND: Readonly<Record<WhmcsUsageField, UsageMetricKind>> = {
  diskusage: 'gauge',
  bwusage: 'counter',
};

/** One metric as an operator writes it in `config/metrics.yaml` (keyed by metric key). */
export const metricFileEntrySchema = z
  .object({
    label: z.string().min(1).max(80),
    description: z.string().max(300).default(''),
    /** `{ de: { label, description } }`: the texts in other languages (each optional). */
    translations: metricTextTranslations,
    unit: usageUnitSchema,
    kind: usageMetricKindSchema,
    perService: z.boolean().default(false),
    source: z
      .object({
        whmcs: whmcsUsageFieldSchema.optional(),
        api: z.boolean().default(true),
      })
      .strict()
      .default({ api: true }),
    /** `whmcs: disklimit|bwlimit`, `{ value, per }`, or absent / `none` for no limit. */
    limit: z
      .union([
        z.literal('none'),
        z.object({ whmcs: whmcsLimitFieldSchema }).strict(),
        z
          .object({
            value: z.number().positive().finite(),
            per: z.enum(['account', 'service']).default('account'),
          })
          .strict(),
      ])
      .default('none'),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const whmcs = entry.source.whmcs;
    if (whmcs !== undefined) {
      if (entry.unit !== 'bytes')
        ctx.addIssue({
          code: 'custom',
          path: ['unit'],
          message: `source.whmcs ${whmcs} is measured in bytes`,
        });
      if (entry.kind !== WHMCS_KIND[whmcs])
        ctx.addIssue({
          code: 'custom',
          path: ['kind'],
          message: `source.whmcs ${whmcs} is a ${WHMCS_KIND[whmcs]}`,
        });
      if (!entry.perService)
        ctx.addIssue({
          code: 'custom',
          path: ['perService'],
          message: 'WHMCS measures usage per service: perService must be true',
        });
    }
    if (whmcs === undefined && !entry.source.api) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: 'a metric needs a source: whmcs, api or both',
      });
    }
    if (typeof entry.limit === 'object' && 'whmcs' in entry.limit && !entry.perService) {
      ctx.addIssue({
        code: 'custom',
        path: ['limit'],
        message: 'a WHMCS limit is per service: perService must be true',
      });
    }
    if (
      typeof entry.limit === 'object' &&
      'per' in entry.limit &&
      entry.limit.per === 'service' &&
      !entry.perService
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['limit', 'per'],
        message: 'per: service needs perService: true',
      });
    }
  });
export type MetricFileEntry = z.input<typeof metricFileEntrySchema>;

/**
 * `config/metrics.yaml`: `version: 1` and `metrics`, a map from metric key to {@link metricFileEntrySchema}. Parses
 * to the normalised {@link MetricCatalog}.
 */
export const metricCatalogFileSchema = z
  .object({
    version: z.literal(1),
    metrics: z
      .record(usageMetricKeySchema, metricFileEntrySchema)
      .refine((m) => Object.keys(m).length > 0, 'at least one metric'),
  })
  .strict()
  .transform((file): MetricCatalog => ({
    metrics: Object.entries(file.metrics).map(([key, e]) => ({
      key,
      label: e.label,
      description: e.description,
      ...(e.translations === undefined ? {} : { translations: e.translations }),
      unit: e.unit,
      kind: e.kind,
      perService: e.perService,
      whmcs: e.source.whmcs ?? null,
      ingest: e.source.api,
      limit:
        e.limit === 'none'
          ? { from: 'none' }
          : 'whmcs' in e.limit
            ? { from: 'whmcs', field: e.limit.whmcs }
            : { from: 'config', value: e.limit.value, per: e.limit.per },
    })),
  }));

/** The metric of `key` in `catalog`, or undefined. */
export function findMetric(catalog: MetricCatalog, key: string): MetricDefinition | undefined {
  return catalog.metrics.find((m) => m.key === key);
}
