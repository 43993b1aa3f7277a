import { readFileSync } from 'node:fs';
import {
  findMetric,
  metricCatalogFileSchema,
  translated,
  type Locale,
  type MetricCatalog,
  type MetricDefinition,
} from '@portico/domain';
import { parse as parseYaml, YAMLParseError } from 'yaml';

/** Thrown when the metric catalog file cannot be read, is not YAML, or breaks the catalog schema; names the file. */
export class MetricCatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid metric catalog ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MetricCatalogError';
  }
}

/**
 * Reads and validates the metric catalog (`config/metrics.yaml`, or `USAGE_METRICS_FILE`) with the domain's
 * `metricCatalogFileSchema`.
 * @throws MetricCatalogError naming the file and each problem (`metrics.disk.kind: ...`)
 */
export function loadMetricCatalog(file: string): MetricCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MetricCatalogError(file, [
      `cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new MetricCatalogError(file, [
      err instanceof YAMLParseError ? `not valid YAML: ${err.message}` : String(err),
    ]);
  }
  const result = metricCatalogFileSchema.safeParse(raw);
  if (!result.success) {
    throw new MetricCatalogError(
      file,
      result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`),
    );
  }
  return result.data;
}

/**
 * The validated metric catalog of this process, with lookups. Provided by the usage module (exported for the
 * dashboards and anything else that shows metrics); the only place the metric list comes from.
 */
export class MetricCatalogService {
  private readonly byLocale = new Map<Locale, readonly MetricDefinition[]>();

  constructor(readonly catalog: MetricCatalog) {}

  /**
   * Every metric with its `label` and `description` in `locale` (the file's `translations`; English, or a language
   * the file does not translate, keeps its own) and without `translations`: what readers are shown.
   */
  metricsIn(locale: Locale): readonly MetricDefinition[] {
    let metrics = this.byLocale.get(locale);
    if (metrics === undefined) {
      metrics = this.catalog.metrics.map((m) => translated(m, locale));
      this.byLocale.set(locale, metrics);
    }
    return metrics;
  }

  /** The metric of `key` with its texts in `locale` (see {@link metricsIn}), or undefined. */
  findIn(key: string, locale: Locale): MetricDefinition | undefined {
    return this.metricsIn(locale).find((m) => m.key === key);
  }

  /** Every metric, in the file's order. */
  get metrics(): readonly MetricDefinition[] {
    return this.catalog.metrics;
  }

  /** The metric of `key`, or undefined when the catalog has none. */
  find(key: string): MetricDefinition | undefined {
    return findMetric(this.catalog, key);
  }

  /** Metrics the WHMCS usage sync records. */
  whmcsMetrics(): MetricDefinition[] {
    return this.catalog.metrics.filter((m) => m.whmcs !== null);
  }
}
