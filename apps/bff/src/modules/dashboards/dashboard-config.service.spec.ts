import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MetricCatalog } from '@portico/domain';
import type { Env } from '../../core/config/env';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import { DashboardConfigError } from './dashboard-config';
import { DashboardConfigService } from './dashboard-config.service';

const catalog: MetricCatalog = {
  metrics: [
    {
      key: 'disk',
      label: 'Disk',
      description: '',
      unit: 'bytes',
      kind: 'gauge',
      perService: true,
      whmcs: null,
      ingest: true,
      limit: { from: 'none' },
    },
  ],
};
const file = (title: string) => `version: 1
name: default
title: ${title}
panels:
  - { id: disk, type: timeseries, title: Disk, metrics: [disk], gridPos: { x: 0, y: 0 } }
`;

describe('DashboardConfigService', () => {
  let dir: string;
  const make = () =>
    new DashboardConfigService(
      { DASHBOARDS_DIR: dir, DASHBOARDS_WATCH: false } as unknown as Env,
      new MetricCatalogService(catalog),
    );
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dashboards-svc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start on invalid files, naming each problem', () => {
    writeFileSync(
      path.join(dir, 'default.yaml'),
      file('Overview').replace('metrics: [disk]', 'metrics: [cpu]'),
    );
    expect(make).toThrow(DashboardConfigError);
    expect(make).toThrow(/default\.yaml:5:\d+ panels\.0\.metrics\.0: unknown metric "cpu"/);
  });

  it('reloads a good change and keeps the last good configuration when a reload fails', () => {
    writeFileSync(path.join(dir, 'default.yaml'), file('One'));
    const service = make();
    writeFileSync(path.join(dir, 'default.yaml'), file('Two'));
    expect(service.reload()).toBe(true);
    expect(service.config.dashboards[0]?.title).toBe('Two');
    writeFileSync(path.join(dir, 'default.yaml'), 'version: 1\nname: [broken\n');
    expect(service.reload()).toBe(false);
    expect(service.config.dashboards[0]?.title).toBe('Two');
  });
});
