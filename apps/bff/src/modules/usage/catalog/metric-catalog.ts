import { readFileSync } from 'node:fs';
import {
  findMetric,
  metricCatalogFileSchema,
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
  constructor(readonly catalog: MetricCatalog) {}

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
