import {
  checkDashboardReferences,
  createSavedDashboardSchema,
  dashboardFileSchema,
  DEFAULT_PANEL_REFRESH_SECONDS,
  panelDataQuerySchema,
  panelSchema,
  relativeChange,
  thresholdFor,
  translatedPanel,
  updateSavedDashboardSchema,
} from './index';

const base = { id: 'p', title: 'P', gridPos: { x: 0, y: 0 } };
const file = (panels: unknown[]): unknown => ({ version: 1, name: 'default', title: 'Overview', panels });
const paths = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('panel schemas', () => {
  it('applies per-type size and refresh defaults', () => {
    const p = panelSchema.parse({ ...base, type: 'kpi', measure: 'allowance_used', metric: 'disk' });
    expect(p.gridPos).toEqual({ x: 0, y: 0, w: 3, h: 2 });
    expect(p.refreshSeconds).toBe(DEFAULT_PANEL_REFRESH_SECONDS.kpi);
  });

  it.each([
    ['timeseries', { metrics: ['disk'] }],
    ['kpi', { measure: 'next_invoice_estimate' }],
    ['health_status', {}],
    ['table', { source: 'invoices' }],
    ['template', { provider: 'account-summary', template: 'Hello {{name}}' }],
    ['image', { provider: 'usage-heatmap', alt: 'Daily usage' }],
  ])('accepts a minimal %s panel', (type, extra) => {
    expect(panelSchema.safeParse({ ...base, type, ...extra }).success).toBe(true);
  });

  it('refuses a panel past the 12th column, with the path of w', () => {
    const r = panelSchema.safeParse({
      ...base,
      type: 'timeseries',
      metrics: ['disk'],
      gridPos: { x: 8, y: 0, w: 6 },
    });
    expect(paths(r)).toEqual(['gridPos.w']);
  });

  it('refuses unknown keys, unknown types and a refresh below 15 s', () => {
    expect(
      paths(panelSchema.safeParse({ ...base, type: 'timeseries', metrics: ['disk'], sql: 'select 1' })),
    ).toEqual(['']);
    expect(panelSchema.safeParse({ ...base, type: 'pie' }).success).toBe(false);
    expect(paths(panelSchema.safeParse({ ...base, type: 'health_status', refreshSeconds: 5 }))).toEqual([
      'refreshSeconds',
    ]);
  });

  it('kpi: needs a metric, a price for overage cost, and ascending thresholds', () => {
    expect(paths(panelSchema.safeParse({ ...base, type: 'kpi', measure: 'overage' }))).toEqual(['metric']);
    expect(
      paths(panelSchema.safeParse({ ...base, type: 'kpi', measure: 'overage_cost', metric: 'disk' })),
    ).toEqual(['overagePrice']);
    const thresholds = [
      { value: 80, color: 'amber', label: 'warning' },
      { value: 50, color: 'green', label: 'good' },
    ];
    expect(
      paths(
        panelSchema.safeParse({
          ...base,
          type: 'kpi',
          measure: 'allowance_used_ratio',
          metric: 'disk',
          thresholds,
        }),
      ),
    ).toEqual(['thresholds']);
  });

  it('table: usage_points needs a metric, other sources take none', () => {
    expect(paths(panelSchema.safeParse({ ...base, type: 'table', source: 'usage_points' }))).toEqual([
      'metric',
    ]);
    expect(paths(panelSchema.safeParse({ ...base, type: 'table', source: 'cases', metric: 'disk' }))).toEqual(
      ['metric'],
    );
  });

  it('template: refuses unescaped tags', () => {
    for (const template of ['{{{html}}}', '{{& html}}', '{{ {x} }}', '{{> partial}}', '{{=<% %>=}}']) {
      expect(paths(panelSchema.safeParse({ ...base, type: 'template', provider: 'x', template }))).toEqual([
        'template',
      ]);
    }
  });

  it('image: needs a text alternative', () => {
    expect(paths(panelSchema.safeParse({ ...base, type: 'image', provider: 'usage-heatmap' }))).toEqual([
      'alt',
    ]);
  });
});

describe('translated panels', () => {
  it('words the panel texts of its type and the KPI threshold labels, and drops every translations field', () => {
    const kpi = panelSchema.parse({
      ...base,
      type: 'kpi',
      measure: 'allowance_used_ratio',
      metric: 'disk',
      translations: { de: { title: 'Belegt' } },
      thresholds: [
        { value: 0, color: 'green', label: 'good', translations: { de: { label: 'gut' } } },
        { value: 80, color: 'amber', label: 'warning' },
      ],
    });
    const de = translatedPanel(kpi, 'de');
    expect(de).toMatchObject({ title: 'Belegt' });
    if (de.type !== 'kpi') throw new Error(de.type);
    expect(de.thresholds).toEqual([
      { value: 0, color: 'green', label: 'gut' },
      { value: 80, color: 'amber', label: 'warning' },
    ]);
    expect(JSON.stringify(de)).not.toContain('translations');
    const en = translatedPanel(kpi, 'en');
    if (en.type !== 'kpi') throw new Error(en.type);
    expect(en.thresholds.map((t) => t.label)).toEqual(['good', 'warning']);
    expect(JSON.stringify(en)).not.toContain('translations');
  });

  it.each([
    ['timeseries', { metrics: ['disk'], yLabel: 'Bytes' }, { yLabel: 'Byte' }],
    ['template', { provider: 'account-summary', template: 'Used {{used}}' }, { template: 'Belegt {{used}}' }],
    ['image', { provider: 'usage-heatmap', alt: 'Daily use' }, { alt: 'Tägliche Nutzung' }],
  ])('%s: translates its own text', (type, extra, de) => {
    const p = panelSchema.parse({ ...base, type, ...extra, translations: { de } });
    expect(translatedPanel(p, 'de')).toMatchObject(de);
  });

  it('refuses a translated field a panel type does not have, and an unescaped tag in a translated template', () => {
    expect(
      paths(
        panelSchema.safeParse({
          ...base,
          type: 'table',
          source: 'invoices',
          translations: { de: { alt: 'x' } },
        }),
      ),
    ).toEqual(['translations.de']);
    expect(
      paths(
        panelSchema.safeParse({
          ...base,
          type: 'template',
          provider: 'account-summary',
          template: 'ok',
          translations: { de: { template: '{{{raw}}}' } },
        }),
      ),
    ).toEqual(['translations.de.template']);
  });
});

describe('dashboard files', () => {
  it('defaults the scope to all accounts', () => {
    const d = dashboardFileSchema.parse(file([{ ...base, type: 'health_status' }]));
    expect(d.scope).toEqual({ all: true });
  });

  it('refuses duplicate panel ids and overlapping panels, naming the panel', () => {
    const r = dashboardFileSchema.safeParse(
      file([
        { ...base, type: 'health_status' },
        { ...base, type: 'health_status', gridPos: { x: 6, y: 0 } },
        { ...base, id: 'q', type: 'health_status', gridPos: { x: 3, y: 1 } },
      ]),
    );
    expect(paths(r)).toEqual(['panels.1.id', 'panels.2.gridPos']);
  });

  it('refuses a scope that is neither all, a product nor an account id', () => {
    expect(
      dashboardFileSchema.safeParse({
        ...(file([{ ...base, type: 'health_status' }]) as object),
        scope: { account: 'acme' },
      }).success,
    ).toBe(false);
  });

  it('checks metrics against the catalog', () => {
    const d = dashboardFileSchema.parse(
      file([
        { ...base, type: 'timeseries', metrics: ['disk', 'cpu'], mode: 'per_service' },
        {
          ...base,
          id: 'k',
          type: 'kpi',
          measure: 'allowance_used',
          metric: 'seats',
          gridPos: { x: 6, y: 0 },
        },
      ]),
    );
    const issues = checkDashboardReferences(d, new Set(['disk', 'seats']), new Set(['disk']));
    expect(issues.map((i) => i.path.join('.'))).toEqual(['panels.0.metrics.1']);
    const perAccount = checkDashboardReferences(d, new Set(['disk', 'cpu', 'seats']), new Set(['disk']));
    expect(perAccount.map((i) => i.path.join('.'))).toEqual(['panels.0.mode']);
  });
});

describe('panel data query', () => {
  const from = '2026-11-01T00:00:00Z';
  it('accepts a range and defaults aggregation on, page 1', () => {
    expect(panelDataQuerySchema.parse({ from, to: '2026-11-02T00:00:00Z' })).toMatchObject({
      aggregation: 'on',
      page: 1,
    });
  });
  it('refuses an inverted range, a range over 400 days and raw points over 31 days', () => {
    expect(paths(panelDataQuerySchema.safeParse({ from, to: from }))).toEqual(['from']);
    expect(paths(panelDataQuerySchema.safeParse({ from, to: '2028-01-01T00:00:00Z' }))).toEqual(['to']);
    expect(
      paths(panelDataQuerySchema.safeParse({ from, to: '2026-12-15T00:00:00Z', aggregation: 'off' })),
    ).toEqual(['aggregation']);
  });
  it('refuses a malformed sort', () => {
    expect(
      paths(panelDataQuerySchema.safeParse({ from, to: '2026-11-02T00:00:00Z', sort: 'amount;drop' })),
    ).toEqual(['sort']);
  });
});

describe('thresholds and change', () => {
  const steps = [
    { value: 0, label: 'good' },
    { value: 80, label: 'warning' },
    { value: 100, label: 'critical' },
  ];
  it('picks the last step at or below the value', () => {
    expect(thresholdFor(steps, -1)).toBeNull();
    expect(thresholdFor(steps, 80)?.label).toBe('warning');
    expect(thresholdFor(steps, 250)?.label).toBe('critical');
    expect(thresholdFor(steps, null)).toBeNull();
  });
  it('computes the relative change, null against 0', () => {
    expect(relativeChange(150, 100)).toBeCloseTo(0.5);
    expect(relativeChange(50, 0)).toBeNull();
  });
});

describe('saved dashboards', () => {
  const kpi = (id: string, x: number, y: number) => ({
    id,
    type: 'kpi',
    title: id,
    measure: 'usage_total',
    metric: 'bandwidth',
    gridPos: { x, y },
  });

  it('accepts what a file accepts, private by default, with defaults applied', () => {
    const saved = createSavedDashboardSchema.parse({ name: 'mine', title: 'Mine', panels: [kpi('a', 0, 0)] });
    expect(saved.visibility).toBe('private');
    expect(saved.panels[0]).toMatchObject({ gridPos: { x: 0, y: 0, w: 3, h: 2 }, refreshSeconds: 300 });
    expect(
      updateSavedDashboardSchema.parse({ title: 'T', visibility: 'shared', panels: [kpi('a', 0, 0)] })
        .visibility,
    ).toBe('shared');
  });

  it('refuses duplicate ids, overlaps, unknown fields and bad names like the files', () => {
    const paths = (input: unknown) =>
      createSavedDashboardSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ name: 'mine', title: 'M', panels: [kpi('a', 0, 0), kpi('a', 6, 0)] })).toEqual([
      'panels.1.id',
    ]);
    expect(paths({ name: 'mine', title: 'M', panels: [kpi('a', 0, 0), kpi('b', 1, 1)] })).toEqual([
      'panels.1.gridPos',
    ]);
    expect(paths({ name: 'Mine', title: 'M', panels: [kpi('a', 0, 0)] })).toEqual(['name']);
    expect(paths({ name: 'mine', title: 'M', panels: [kpi('a', 0, 0)], scope: { all: true } })).toEqual(['']);
    expect(paths({ name: 'mine', title: 'M', visibility: 'public', panels: [kpi('a', 0, 0)] })).toEqual([
      'visibility',
    ]);
  });
});
