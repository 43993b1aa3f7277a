import {
  accountStatusSchema,
  accountUsageCatalogSchema,
  apiErrorSchema,
  dashboardListSchema,
  dashboardSchema,
  panelDataSchema,
  type PanelData,
} from '@portico/domain';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { loginAs } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const [acme, globex] = DEMO_ACCOUNTS;

describe('dashboards (integration)', () => {
  let t: TestApp;
  let acmeOwner: string;
  let globexOwner: string;
  let acmeBilling: string;
  const to = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const range = (span: number) => ({
    from: new Date(to.getTime() - span).toISOString(),
    to: to.toISOString(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    [acmeOwner, globexOwner, acmeBilling] = await Promise.all([
      loginAs(t.url, 'owner@acme.example'),
      loginAs(t.url, 'owner@globex.example'),
      loginAs(t.url, 'billing@acme.example'),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (cookie: string, path: string, query: Record<string, string> = {}) =>
    fetch(
      `${t.url}/api/v1/accounts/${path}${Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : ''}`,
      { headers: { cookie } },
    );
  const panel = async (
    cookie: string,
    accountId: string,
    dashboard: string,
    panelId: string,
    query: Record<string, string> = range(7 * DAY),
  ): Promise<PanelData> => {
    const res = await get(cookie, `${accountId}/dashboards/${dashboard}/panels/${panelId}/data`, query);
    expect(res.status).toBe(200);
    return panelDataSchema.parse(await res.json());
  };
  const error = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(apiErrorSchema.parse(await res.json()).code).toBe(code);
  };

  it("lists the account's dashboards: its own default over the shared one, and the shared Performance", async () => {
    const mine = dashboardListSchema.parse(await (await get(acmeOwner, `${acme!.id}/dashboards`)).json());
    expect(mine.items.map((d) => [d.name, d.title])).toEqual([
      ['default', 'Acme overview'],
      ['performance', 'Performance'],
    ]);
    const theirs = dashboardListSchema.parse(
      await (await get(globexOwner, `${globex!.id}/dashboards`)).json(),
    );
    expect(theirs.items.map((d) => [d.name, d.title])).toEqual([
      ['default', 'Overview'],
      ['performance', 'Performance'],
    ]);
    const d = dashboardSchema.parse(await (await get(acmeOwner, `${acme!.id}/dashboards/default`)).json());
    expect(d.panels.find((p) => p.id === 'disk-used')).toMatchObject({
      type: 'kpi',
      gridPos: { x: 0, y: 0, w: 3, h: 2 },
      refreshSeconds: 300,
    });
  });

  it('serves configured texts in the language Accept-Language prefers: titles, panel titles, metric labels', async () => {
    const inLanguage = async (language: string, path: string, query: Record<string, string> = {}) => {
      const qs = Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
      const res = await fetch(`${t.url}/api/v1/accounts/${acme!.id}/${path}${qs}`, {
        headers: { cookie: acmeOwner, 'accept-language': language },
      });
      expect(res.status).toBe(200);
      const body: unknown = await res.json();
      return body;
    };
    const list = dashboardListSchema.parse(await inLanguage('de-DE,de;q=0.9,en;q=0.8', 'dashboards'));
    expect(list.items.map((d) => d.title)).toEqual(['Acme-Übersicht', 'Leistung']);
    const german = dashboardSchema.parse(await inLanguage('de', 'dashboards/default'));
    expect(german.description).toMatch(/^Kontingente/);
    const diskUsed = german.panels.find((p) => p.id === 'disk-used') as Record<string, unknown>;
    expect(diskUsed.title).toBe('Belegter Speicherplatz');
    expect(diskUsed).not.toHaveProperty('translations');
    // A language without translations, or none, gets the files' own texts.
    expect(dashboardListSchema.parse(await inLanguage('fr', 'dashboards')).items[0]?.title).toBe(
      'Acme overview',
    );

    // Panel data is cached per account: the language is part of its key, so neither reader gets the other's labels.
    const trend = async (language: string) => {
      const data = panelDataSchema.parse(
        await inLanguage(language, 'dashboards/default/panels/disk-trend/data', range(7 * DAY)),
      );
      if (data.type !== 'timeseries') throw new Error(data.type);
      return [...new Set(data.series.map((x) => x.label))];
    };
    expect(await trend('de')).toEqual(['Speicherplatz']);
    expect(await trend('en')).toEqual(['Disk space']);
    expect(await trend('de')).toEqual(['Speicherplatz']);

    const catalog = accountUsageCatalogSchema.parse(await inLanguage('de', 'usage/catalog'));
    expect(catalog.metrics.find((m) => m.key === 'disk')).toMatchObject({
      label: 'Speicherplatz',
      description: 'Belegter Speicher auf Ihren Diensten.',
    });
    const status = accountStatusSchema.parse(await inLanguage('de', 'status'));
    expect(status.usage.data?.find((tile) => tile.metric === 'disk')?.label).toBe('Speicherplatz');
    const english = accountStatusSchema.parse(await inLanguage('en', 'status'));
    expect(english.usage.data?.find((tile) => tile.metric === 'disk')?.label).toBe('Disk space');
  });

  it("words what the BFF composes in the reader's language: column headers, thresholds, details, template, heatmap", async () => {
    const german = async (
      dashboard: string,
      panelId: string,
      query: Record<string, string> = range(7 * DAY),
    ) => {
      const res = await fetch(
        `${t.url}/api/v1/accounts/${acme!.id}/dashboards/${dashboard}/panels/${panelId}/data?${new URLSearchParams(query).toString()}`,
        { headers: { cookie: acmeOwner, 'accept-language': 'de-DE,de;q=0.9' } },
      );
      expect(res.status).toBe(200);
      return panelDataSchema.parse(await res.json());
    };

    // Table column headers, from the panel catalogue; the metric's label and unit word in the usage points' header.
    const headers = async (dashboard: string, panelId: string) => {
      const data = await german(dashboard, panelId);
      if (data.type !== 'table') throw new Error(data.type);
      return data.columns.map((c) => c.label);
    };
    expect(await headers('default', 'invoices')).toEqual([
      'Rechnung',
      'Ausgestellt',
      'Fällig',
      'Status',
      'Summe',
      'Offen',
      'Währung',
    ]);
    expect(await headers('default', 'cases')).toEqual(['Fall', 'Betreff', 'Status', 'Priorität', 'Eröffnet']);
    expect(await headers('default', 'audit')).toEqual(['Zeit', 'Aktion', 'Von', 'Ziel']);
    expect(await headers('performance', 'services')).toEqual([
      'Dienst',
      'Domain',
      'Status',
      'Abrechnung',
      'Preis',
      'Währung',
      'Nächste Fälligkeit',
    ]);
    expect(await headers('performance', 'usage-points')).toEqual(['Zeit', 'Dienst', 'Bandbreite']);
    // The English reader still gets English headers (the language is part of the panel cache key).
    const english = await panel(acmeOwner, acme!.id, 'default', 'invoices');
    if (english.type !== 'table') throw new Error(english.type);
    expect(english.columns[0]?.label).toBe('Invoice');
    // Status cells keep the domain's values and name their vocabulary, so the portal words them as its pages do.
    const vocabularies = async (dashboard: string, panelId: string) => {
      const data = await german(dashboard, panelId);
      if (data.type !== 'table') throw new Error(data.type);
      return Object.fromEntries(data.columns.filter((c) => c.vocabulary).map((c) => [c.key, c.vocabulary]));
    };
    expect(await vocabularies('default', 'invoices')).toEqual({ status: 'invoice' });
    expect(await vocabularies('default', 'cases')).toEqual({ status: 'case', priority: 'priority' });
    expect(await vocabularies('performance', 'services')).toEqual({ status: 'subscription' });
    expect(await vocabularies('default', 'audit')).toEqual({ action: 'audit_action' });

    // KPI threshold labels from the files' translations; details worded and numbers formatted in German.
    const used = await german('default', 'disk-used');
    if (used.type !== 'kpi') throw new Error(used.type);
    expect(used.threshold?.label).toMatch(/^(gut|Warnung|kritisch)$/);
    expect(used.detail).toMatch(/^\d+(,\d)?\sGB von \d+(,\d)?\sGB$/);
    const cost = await german('default', 'bandwidth-overage-cost');
    if (cost.type !== 'kpi') throw new Error(cost.type);
    expect(cost.threshold?.label).toMatch(/^(im Kontingent|überschritten)$/);
    expect(cost.detail).toMatch(/^(Im Rahmen des Kontingents|\d+(,\d)?\s[kMGT]?B über dem Kontingent)$/);
    const estimate = await german('default', 'next-invoice');
    if (estimate.type !== 'kpi') throw new Error(estimate.type);
    expect(estimate.detail).toMatch(
      /^\d+ Dienste? bis \d{2}\.\d{2}\.\d{4} fällig; verglichen mit der letzten Rechnung$/,
    );
    expect(
      estimate.parts.every((p) => /, fällig am \d{2}\.\d{2}\.\d{4}$|^Voraussichtliche /.test(p.label)),
    ).toBe(true);
    const total = await german('performance', 'bandwidth-total');
    if (total.type !== 'kpi') throw new Error(total.type);
    expect(total.detail).toBe('Summe im gewählten Zeitraum');
    const trend = await german('default', 'bandwidth-trend');
    if (trend.type !== 'timeseries') throw new Error(trend.type);
    expect(trend.yLabel).toBe('Bandbreite (Bytes)');

    // The template panel renders the German template with German dates, figures and percentages.
    const summary = await german('default', 'summary');
    if (summary.type !== 'template') throw new Error(summary.type);
    expect(summary.html).toMatch(/^Acme Hosting Ltd: \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}\n/);
    expect(summary.html).toMatch(/Speicherplatz: \d+,\d\sGB von \d+(,\d)?\sGB \(\d+\s%\)/);
    expect(summary.html).not.toMatch(/ of | to |\d\.\d\sGB/);

    // The heatmap: its label, names, dates, legend and empty days in German; the image's alternative translated.
    const heat = await german('performance', 'bandwidth-heatmap');
    if (heat.type !== 'image') throw new Error(heat.type);
    expect(heat.body).toContain('aria-label="Bandbreite, täglich, 91 Tage"');
    expect(heat.body).toContain('>Weniger</text>');
    expect(heat.body).toMatch(/>Mo<\/text>/);
    expect(heat.body).toMatch(/<title>\d{2}\.\d{2}\.\d{4}: (\d+(,\d)?\s[kMGT]?B|keine Daten)<\/title>/);
    expect(heat.body).not.toMatch(/>(Less|More)<|no data/);
    expect(heat.alt).toBe('Kalender-Heatmap der täglichen Bandbreite in den letzten 13 Wochen');
  });

  it("serves every panel of both dashboards in its type's shape", async () => {
    for (const name of ['default', 'performance']) {
      const d = dashboardSchema.parse(await (await get(acmeOwner, `${acme!.id}/dashboards/${name}`)).json());
      for (const p of d.panels) {
        const data = await panel(acmeOwner, acme!.id, name, p.id);
        expect(data.type).toBe(p.type);
      }
    }
  });

  it('timeseries: aggregated with the projection, raw points with aggregation off, one series on request', async () => {
    const agg = await panel(acmeOwner, acme!.id, 'default', 'disk-trend', range(30 * DAY));
    if (agg.type !== 'timeseries') throw new Error(agg.type);
    expect(agg.bucket).toBe('1h');
    expect(agg.series.map((s) => s.service).sort()).toEqual(['101', '102', '103']);
    expect(agg.series.every((s) => s.points.length > 0 && s.limit !== null)).toBe(true);
    const raw = await panel(acmeOwner, acme!.id, 'default', 'disk-trend', {
      ...range(6 * HOUR),
      aggregation: 'off',
    });
    if (raw.type !== 'timeseries') throw new Error(raw.type);
    expect(raw.bucket).toBe('raw');
    expect(raw.series[0]!.points.every((p) => p.min === null)).toBe(true);
    const one = await panel(acmeOwner, acme!.id, 'performance', 'disk-bandwidth', {
      ...range(DAY),
      series: 'bandwidth',
    });
    if (one.type !== 'timeseries') throw new Error(one.type);
    expect(one.series.map((s) => s.metric)).toEqual(['bandwidth']);
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/performance/panels/disk-bandwidth/data`, {
        ...range(DAY),
        series: 'api_requests',
      }),
      400,
      'validation_failed',
    );
  });

  it('kpi: figures with thresholds and the change against the previous period', async () => {
    const used = await panel(acmeOwner, acme!.id, 'default', 'disk-used');
    if (used.type !== 'kpi') throw new Error(used.type);
    expect(used.unit).toBe('percent');
    expect(used.value).toBeGreaterThan(0);
    expect(used.threshold?.label).toMatch(/good|warning|critical/);
    const total = await panel(acmeOwner, acme!.id, 'performance', 'bandwidth-total');
    if (total.type !== 'kpi') throw new Error(total.type);
    expect(total.value).toBeGreaterThan(0);
    expect(total.previous).toBeGreaterThan(0);
    expect(total.change).toBeCloseTo((total.value! - total.previous!) / total.previous!, 6);
  });

  it('tables: sorted, filtered and paged on the server; an unknown column is a 400', async () => {
    const q = { ...range(30 * DAY) };
    const points = await panel(acmeOwner, acme!.id, 'performance', 'usage-points', {
      ...q,
      sort: 'value:desc',
    });
    if (points.type !== 'table') throw new Error(points.type);
    // The values stay raw numbers; the column names their unit, for the portal to word them.
    expect(points.columns.find((c) => c.key === 'value')).toMatchObject({ kind: 'number', unit: 'bytes' });
    const values = points.rows.map((r) => r.value as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(points.page.total).toBeGreaterThan(points.rows.length);
    const page2 = await panel(acmeOwner, acme!.id, 'performance', 'usage-points', {
      ...q,
      sort: 'value:desc',
      page: '2',
    });
    if (page2.type !== 'table') throw new Error(page2.type);
    expect(page2.rows[0]!.value as number).toBeLessThanOrEqual(values.at(-1)!);
    const services = await panel(acmeOwner, acme!.id, 'performance', 'services', {
      ...q,
      filter: 'wordpress',
    });
    if (services.type !== 'table') throw new Error(services.type);
    expect(services.rows.map((r) => r.productName)).toEqual([expect.stringMatching(/WordPress/i)]);
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/performance/panels/services/data`, {
        ...q,
        sort: 'password',
      }),
      400,
      'validation_failed',
    );
  });

  it('template and image panels: escaped text, server-rendered SVG', async () => {
    const summary = await panel(acmeOwner, acme!.id, 'default', 'summary');
    if (summary.type !== 'template') throw new Error(summary.type);
    expect(summary.html).toContain('Acme Hosting Ltd');
    expect(summary.html).not.toContain('<');
    const heat = await panel(acmeOwner, acme!.id, 'performance', 'bandwidth-heatmap');
    if (heat.type !== 'image') throw new Error(heat.type);
    expect(heat.mediaType).toBe('image/svg+xml');
    expect(heat.body.match(/<title>/g)?.length).toBe(91);
  });

  it('exports a panel as CSV (raw points of a timeseries)', async () => {
    const res = await get(acmeOwner, `${acme!.id}/dashboards/default/panels/bandwidth-trend/data.csv`, {
      ...range(6 * HOUR),
      aggregation: 'off',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="default-bandwidth-trend-raw-/,
    );
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('metric,service,timestamp,value,min,max');
    expect(lines.length).toBeGreaterThan(10);
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/default/panels/summary/data.csv`, range(DAY)),
      400,
      'validation_failed',
    );
  });

  it('bad input: invalid range, unknown dashboard or panel', async () => {
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/default/panels/disk-used/data`, {
        from: to.toISOString(),
        to: to.toISOString(),
      }),
      400,
      'validation_failed',
    );
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/default/panels/disk-used/data`, {
        from: 'yesterday',
        to: to.toISOString(),
      }),
      400,
      'validation_failed',
    );
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/default/panels/disk-trend/data`, {
        ...range(40 * DAY),
        aggregation: 'off',
      }),
      400,
      'validation_failed',
    );
    await error(await get(acmeOwner, `${acme!.id}/dashboards/nope`), 404, 'not_found');
    await error(
      await get(acmeOwner, `${acme!.id}/dashboards/default/panels/nope/data`, range(DAY)),
      404,
      'not_found',
    );
  });

  it('isolates accounts: no reads of another account, its own panels unknown to others, caches never shared', async () => {
    // Globex's owner is no member of Acme: neither the list, nor a dashboard, nor a panel's data or CSV.
    for (const path of [
      'dashboards',
      'dashboards/default',
      'dashboards/default/panels/disk-used/data',
      'dashboards/default/panels/disk-trend/data.csv',
    ]) {
      const foreign = await get(globexOwner, `${acme!.id}/${path}`, range(DAY));
      expect([403, 404]).toContain(foreign.status);
    }
    // Acme's own dashboard has panels Globex's has not: Globex cannot reach them.
    await error(
      await get(globexOwner, `${globex!.id}/dashboards/default/panels/cases/data`, range(DAY)),
      404,
      'not_found',
    );
    // The same panel and query for both accounts: each sees its own figures (also once cached).
    // Sorted by domain (empty last), so services other suites add without one do not fill the first page.
    const q = { ...range(DAY), sort: 'domain' };
    const a1 = await panel(acmeOwner, acme!.id, 'performance', 'services', q);
    const g1 = await panel(globexOwner, globex!.id, 'performance', 'services', q);
    const g2 = await panel(globexOwner, globex!.id, 'performance', 'services', q);
    if (a1.type !== 'table' || g1.type !== 'table' || g2.type !== 'table') throw new Error('type');
    expect(a1.rows.map((r) => r.domain)).toEqual(
      expect.arrayContaining([expect.stringMatching(/acme\.example$/)]),
    );
    expect(g1.rows.length).toBeGreaterThan(0);
    expect(g1.rows.map((r) => String(r.domain ?? r.productName)).join(' ')).not.toMatch(/acme/);
    expect(g2.meta.cached).toBe(true);
    expect(g2.rows).toEqual(g1.rows);
  });

  it('checks each panel against the route it mirrors: a billing member reads invoices, not usage', async () => {
    await error(
      await get(acmeBilling, `${acme!.id}/dashboards/default/panels/disk-trend/data`, range(DAY)),
      403,
      'forbidden',
    );
    await error(
      await get(acmeBilling, `${acme!.id}/dashboards/default/panels/audit/data`, range(DAY)),
      403,
      'forbidden',
    );
    const invoices = await panel(acmeBilling, acme!.id, 'default', 'invoices', range(DAY));
    expect(invoices.type).toBe('table');
  });
});
