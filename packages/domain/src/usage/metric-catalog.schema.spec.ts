import { findMetric, metricCatalogFileSchema } from './metric-catalog.schema';

const disk = {
  label: 'Disk space',
  unit: 'bytes',
  kind: 'gauge',
  perService: true,
  source: { whmcs: 'diskusage', api: true },
  limit: { whmcs: 'disklimit' },
};

describe('metricCatalogFileSchema', () => {
  it('normalises entries: defaults, sources and limits', () => {
    const catalog = metricCatalogFileSchema.parse({
      version: 1,
      metrics: {
        disk,
        api_requests: { label: 'API requests', unit: 'requests', kind: 'counter', limit: { value: 1000 } },
        build_minutes: {
          label: 'Build minutes',
          unit: 'seconds',
          kind: 'counter',
          perService: true,
          limit: { value: 60, per: 'service' },
        },
      },
    });
    expect(catalog.metrics.map((m) => m.key)).toEqual(['disk', 'api_requests', 'build_minutes']);
    expect(findMetric(catalog, 'disk')).toMatchObject({
      kind: 'gauge',
      whmcs: 'diskusage',
      ingest: true,
      limit: { from: 'whmcs', field: 'disklimit' },
    });
    expect(findMetric(catalog, 'api_requests')).toMatchObject({
      perService: false,
      whmcs: null,
      ingest: true,
      description: '',
      limit: { from: 'config', value: 1000, per: 'account' },
    });
    expect(findMetric(catalog, 'build_minutes')?.limit).toEqual({
      from: 'config',
      value: 60,
      per: 'service',
    });
    expect(findMetric(catalog, 'nope')).toBeUndefined();
  });

  it.each([
    ['a WHMCS gauge declared as a counter', { disk: { ...disk, kind: 'counter' } }, 'metrics.disk.kind'],
    ['a WHMCS figure in another unit', { disk: { ...disk, unit: 'count' } }, 'metrics.disk.unit'],
    [
      'a WHMCS metric without the service dimension',
      { disk: { ...disk, perService: false, limit: 'none' } },
      'metrics.disk.perService',
    ],
    [
      'a metric with no source',
      { x: { label: 'X', unit: 'count', kind: 'gauge', source: { api: false } } },
      'metrics.x.source',
    ],
    ['an unknown unit', { x: { label: 'X', unit: 'furlongs', kind: 'gauge' } }, 'metrics.x.unit'],
    ['a bad key', { 'Disk Space': disk }, 'metrics.Disk Space'],
    ['an unknown field', { x: { label: 'X', unit: 'count', kind: 'gauge', colour: 'red' } }, 'metrics.x'],
    [
      'a per-service limit without the dimension',
      { x: { label: 'X', unit: 'count', kind: 'counter', limit: { value: 5, per: 'service' } } },
      'metrics.x.limit.per',
    ],
  ])('refuses %s, naming the path', (_name, metrics, path) => {
    const result = metricCatalogFileSchema.safeParse({ version: 1, metrics });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('refuses an empty catalog and an unknown version', () => {
    expect(metricCatalogFileSchema.safeParse({ version: 1, metrics: {} }).success).toBe(false);
    expect(metricCatalogFileSchema.safeParse({ version: 2, metrics: { disk } }).success).toBe(false);
  });
});
