import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MetricCatalog } from '@portico/domain';
import {
  DashboardConfigError,
  dashboardsFor,
  formatProblem,
  loadDashboardConfig,
  validateDashboardText,
} from './dashboard-config';

const catalog: MetricCatalog = {
  metrics: [
    {
      key: 'disk',
      label: 'Disk',
      description: '',
      unit: 'bytes',
      kind: 'gauge',
      perService: true,
      whmcs: 'diskusage',
      ingest: true,
      limit: { from: 'whmcs', field: 'disklimit' },
    },
    {
      key: 'seats',
      label: 'Seats',
      description: '',
      unit: 'count',
      kind: 'gauge',
      perService: false,
      whmcs: null,
      ingest: true,
      limit: { from: 'none' },
    },
  ],
};
const repoConfig = path.resolve(__dirname, '../../../../../config');

const GOOD = `version: 1
name: default
title: Overview
panels:
  - id: disk
    type: timeseries
    title: Disk
    metrics: [disk]
    gridPos: { x: 0, y: 0 }
`;

const messages = (file: string, text: string) =>
  validateDashboardText(file, text, catalog).problems.map(formatProblem);

describe('dashboard configuration', () => {
  it('the shipped dashboards validate against the shipped catalog', () => {
    const { parse } = jest.requireActual<typeof import('yaml')>('yaml');
    const { metricCatalogFileSchema } =
      jest.requireActual<typeof import('@portico/domain')>('@portico/domain');
    const shipped = metricCatalogFileSchema.parse(
      parse(readFileSync(path.join(repoConfig, 'metrics.yaml'), 'utf8')),
    );
    const config = loadDashboardConfig(path.join(repoConfig, 'dashboards'), shipped);
    expect(config.dashboards.map((d) => d.name).sort()).toEqual(['default', 'default', 'performance']);
  });

  it('accepts a good file', () => {
    expect(messages('a.yaml', GOOD)).toEqual([]);
  });

  it('names line and column of a schema error (the value at fault)', () => {
    const text = GOOD.replace('gridPos: { x: 0, y: 0 }', 'gridPos: { x: 9, y: 0, w: 6 }');
    expect(messages('a.yaml', text)).toEqual(['a.yaml:9:31 panels.0.gridPos.w: x + w must be at most 12']);
  });

  it('names the position of an unknown metric and of an unknown provider', () => {
    const text = `${GOOD.replace('metrics: [disk]', 'metrics: [disk, cpu]')}  - id: pic
    type: image
    title: Pic
    provider: nope
    alt: A picture
    gridPos: { x: 6, y: 0 }
`;
    const out = messages('a.yaml', text);
    expect(out[0]).toMatch(/^a\.yaml:8:21 panels\.0\.metrics\.1: unknown metric "cpu"/);
    expect(out[1]).toMatch(/^a\.yaml:13:15 panels\.1\.provider: unknown panel provider "nope"/);
  });

  it("checks a provider's parameters and a template's syntax at their positions", () => {
    const text = `${GOOD}  - id: heat
    type: image
    title: Heat
    provider: usage-heatmap
    params: { metric: disk, days: 2 }
    alt: Heatmap
    gridPos: { x: 6, y: 0 }
  - id: words
    type: template
    title: Words
    provider: account-summary
    template: "{{#metrics}}unclosed"
    translations: { de: { template: "{{^metrics}}offen" } }
    gridPos: { x: 0, y: 4 }
`;
    const out = messages('a.yaml', text);
    expect(out[0]).toMatch(/^a\.yaml:14:35 panels\.1\.params\.days: /);
    expect(out[1]).toMatch(/^a\.yaml:21:15 panels\.2\.template: template: Unclosed section "metrics"/);
    expect(out[2]).toMatch(
      /^a\.yaml:22:37 panels\.2\.translations\.de\.template: template: Unclosed section "metrics"/,
    );
  });

  it('reports YAML syntax errors with their position', () => {
    expect(messages('a.yaml', 'version: 1\nname: [default\n')[0]).toMatch(/^a\.yaml:\d+:\d+ YAML: /);
  });

  describe('folders', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dashboards-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('lists every problem of every file, and needs a default for all accounts', () => {
      writeFileSync(
        path.join(dir, 'one.yaml'),
        GOOD.replace('name: default', 'name: one').replace('title: Disk', 'title: ""'),
      );
      writeFileSync(
        path.join(dir, 'two.yml'),
        GOOD.replace('name: default', 'name: two').replace('type: timeseries', 'type: pie'),
      );
      const err = (() => {
        try {
          loadDashboardConfig(dir, catalog);
        } catch (e) {
          return e as DashboardConfigError;
        }
        throw new Error('loaded');
      })();
      expect(err).toBeInstanceOf(DashboardConfigError);
      expect(err.problems.map((p) => `${path.basename(p.file)}:${p.line}`)).toEqual([
        'one.yaml:7',
        'two.yml:6',
      ]);
      writeFileSync(path.join(dir, 'one.yaml'), GOOD.replace('name: default', 'name: one'));
      writeFileSync(path.join(dir, 'two.yml'), GOOD.replace('name: default', 'name: two'));
      expect(() => loadDashboardConfig(dir, catalog)).toThrow(
        /a dashboard named default scoped to all accounts is required/,
      );
    });

    it('resolves per account: account over product over all', () => {
      const acme = '5b1f0c3e-0000-4000-8000-000000000001';
      writeFileSync(path.join(dir, 'a.yaml'), GOOD);
      writeFileSync(
        path.join(dir, 'b.yaml'),
        GOOD.replace('title: Overview', 'title: Hosting\nscope: { product: Hosting }'),
      );
      writeFileSync(
        path.join(dir, 'c.yaml'),
        GOOD.replace('title: Overview', `title: Acme\nscope: { account: ${acme} }`),
      );
      const config = loadDashboardConfig(dir, catalog);
      const title = (accountId: string, products: string[]) =>
        dashboardsFor(config, { accountId, products: new Set(products) }).map((d) => d.title);
      expect(title(acme, ['Hosting'])).toEqual(['Acme']);
      expect(title('5b1f0c3e-0000-4000-8000-000000000002', ['Hosting'])).toEqual(['Hosting']);
      expect(title('5b1f0c3e-0000-4000-8000-000000000002', [])).toEqual(['Overview']);
    });
  });
});
