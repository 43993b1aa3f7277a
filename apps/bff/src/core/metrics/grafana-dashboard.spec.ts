import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../config/env';
import { MetricsService } from './metrics.service';

/**
 * The Grafana dashboard provisioned by docker/ (no Docker engine runs in CI: its JSON is checked here): well-formed,
 * unique panel ids, the provisioned data source, and every series a query names is one the BFF (or the sandbox)
 * exports.
 */
describe('docker/grafana dashboard', () => {
  const root = findRepoRoot(__dirname);
  const dashboard = JSON.parse(
    readFileSync(path.join(root, 'docker/grafana/dashboards/portico.json'), 'utf8'),
  ) as {
    uid: string;
    panels: Array<{
      id: number;
      type: string;
      title: string;
      targets?: Array<{ expr: string; datasource: { uid: string } }>;
    }>;
  };
  const datasources = readFileSync(
    path.join(root, 'docker/grafana/provisioning/datasources/prometheus.yaml'),
    'utf8',
  );
  const sandboxSource = readFileSync(path.join(root, 'apps/sandbox/src/faults/faults.service.ts'), 'utf8');

  it('has unique panel ids and titles, and every query on the provisioned Prometheus data source', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = dashboard.panels.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length);
    const uid = /uid: (\S+)/.exec(datasources)?.[1];
    expect(uid).toBe('prometheus');
    const queries = dashboard.panels.flatMap((p) => p.targets ?? []);
    expect(queries.length).toBeGreaterThan(20);
    for (const q of queries) expect(q.datasource.uid).toBe(uid);
  });

  it('queries only series that are exported', async () => {
    const metrics = new MetricsService();
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const known = (name: string): boolean => {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      return (
        exported.has(name) ||
        exported.has(base) ||
        (name.startsWith('sandbox_') && sandboxSource.includes(`'${name}'`))
      );
    };
    const named = dashboard.panels
      .flatMap((p) => p.targets ?? [])
      .flatMap((t) => t.expr.match(/\b(portico|nodejs|process|sandbox)_[a-z0-9_]+/g) ?? []);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((n) => !known(n))).toEqual([]);
  });
});
