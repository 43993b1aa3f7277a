import { metricCatalogFileSchema, type AccountStatus, type UsageTile } from '@portico/domain';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import { withUsageLabelsIn } from './usage-tiles-locale';

const catalog = new MetricCatalogService(
  metricCatalogFileSchema.parse({
    version: 1,
    metrics: {
      disk: {
        label: 'Disk space',
        unit: 'bytes',
        kind: 'gauge',
        translations: { de: { label: 'Speicherplatz' } },
      },
      builds: { label: 'Build minutes', unit: 'seconds', kind: 'counter' },
    },
  }),
);

const tile = (metric: string, label: string): UsageTile =>
  ({ metric, label, unit: 'bytes', kind: 'gauge', used: 1, limit: null, limitKnown: true }) as UsageTile;

function docWith(tiles: UsageTile[] | null): AccountStatus {
  return {
    usage: {
      meta: { source: 'portico', fetchedAt: null, stale: false, unavailable: tiles === null },
      data: tiles,
    },
  } as unknown as AccountStatus;
}

describe('withUsageLabelsIn', () => {
  const doc = docWith([tile('disk', 'Disk space'), tile('builds', 'Build minutes')]);

  it("words each tile's label as the catalog does in the language, keeping untranslated ones", () => {
    const german = withUsageLabelsIn(doc, 'de', catalog);
    expect(german.usage.data?.map((t) => t.label)).toEqual(['Speicherplatz', 'Build minutes']);
    // The cached document is not changed.
    expect(doc.usage.data?.[0]?.label).toBe('Disk space');
  });

  it('gives the same translated list for the same cached list, so its JSON is remembered', () => {
    expect(withUsageLabelsIn(doc, 'de', catalog).usage.data).toBe(
      withUsageLabelsIn(doc, 'de', catalog).usage.data,
    );
  });

  it('leaves English and a document without tiles as they are', () => {
    expect(withUsageLabelsIn(doc, 'en', catalog)).toBe(doc);
    const none = docWith(null);
    expect(withUsageLabelsIn(none, 'de', catalog)).toBe(none);
  });
});
