import { z } from 'zod';
import { metricCatalogFileSchema } from '../usage/metric-catalog.schema';
import { dashboardFileSchema } from '../dashboards/dashboard.schema';
import { translated, translationsSchema } from './translations';

const schema = z.object({
  title: z.string(),
  description: z.string().optional(),
  translations: translationsSchema({ title: z.string().min(1), description: z.string() }),
});

describe('translated', () => {
  const item = schema.parse({
    title: 'Overview',
    description: 'Allowance and health',
    translations: { de: { title: 'Übersicht' } },
  });

  it("gives a language's texts in place of the item's own, and keeps the rest", () => {
    expect(translated(item, 'de')).toEqual({ title: 'Übersicht', description: 'Allowance and health' });
  });

  it('keeps English, and drops the translations field the reader has no use for', () => {
    expect(translated(item, 'en')).toEqual({ title: 'Overview', description: 'Allowance and health' });
    const plain: { title: string } = { title: 'Plain' };
    expect(translated(plain, 'de')).toEqual({ title: 'Plain' });
  });
});

describe('translationsSchema', () => {
  it('refuses an unknown language, an unknown field and an empty text, naming where', () => {
    const paths = (translations: unknown) =>
      schema.safeParse({ title: 'x', translations }).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ fr: { title: 'Aperçu' } })).toEqual(['translations']);
    expect(paths({ de: { heading: 'Übersicht' } })).toEqual(['translations.de']);
    expect(paths({ de: { title: '' } })).toEqual(['translations.de.title']);
  });

  it('is read from the metric catalog and dashboard files', () => {
    const catalog = metricCatalogFileSchema.parse({
      version: 1,
      metrics: {
        disk: {
          label: 'Disk space',
          unit: 'bytes',
          kind: 'gauge',
          translations: { de: { label: 'Speicherplatz' } },
        },
      },
    });
    expect(translated(catalog.metrics[0]!, 'de').label).toBe('Speicherplatz');
    const file = dashboardFileSchema.parse({
      version: 1,
      name: 'default',
      title: 'Overview',
      translations: { de: { title: 'Übersicht' } },
      panels: [
        {
          id: 'disk',
          type: 'timeseries',
          title: 'Disk space',
          translations: { de: { title: 'Speicherplatz' } },
          metrics: ['disk'],
          gridPos: { x: 0, y: 0 },
        },
      ],
    });
    expect(translated(file, 'de').title).toBe('Übersicht');
    expect(translated(file.panels[0]!, 'de').title).toBe('Speicherplatz');
  });
});
