import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv } from '../../../core/config/env';
import { loadMetricCatalog, MetricCatalogError, MetricCatalogService } from './metric-catalog';

function file(text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'portico-catalog-')), 'metrics.yaml');
  writeFileSync(p, text);
  return p;
}

describe('metric catalog loader', () => {
  it("loads the repository's config/metrics.yaml", () => {
    const catalog = new MetricCatalogService(loadMetricCatalog(loadEnv({}).USAGE_METRICS_FILE));
    expect(catalog.metrics.map((m) => m.key)).toEqual(['disk', 'bandwidth', 'api_requests']);
    expect(catalog.whmcsMetrics().map((m) => [m.key, m.whmcs, m.kind])).toEqual([
      ['disk', 'diskusage', 'gauge'],
      ['bandwidth', 'bwusage', 'counter'],
    ]);
    expect(catalog.find('bandwidth')?.ingest).toBe(false);
  });

  it('names the file and each problem of an invalid catalog', () => {
    const bad = file(
      'version: 1\nmetrics:\n  disk:\n    label: Disk\n    unit: bytes\n    kind: counter\n    perService: true\n    source: { whmcs: diskusage }\n',
    );
    expect(() => loadMetricCatalog(bad)).toThrow(MetricCatalogError);
    expect(() => loadMetricCatalog(bad)).toThrow(
      new RegExp(
        `Invalid metric catalog ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*metrics\\.disk\\.kind: source\\.whmcs diskusage is a gauge`,
      ),
    );
  });

  it('refuses a file that is missing or not YAML', () => {
    expect(() => loadMetricCatalog('/nonexistent/metrics.yaml')).toThrow(/cannot be read/);
    expect(() => loadMetricCatalog(file('metrics: [unclosed'))).toThrow(/not valid YAML/);
  });
});
