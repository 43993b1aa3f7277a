import type { MetricDefinition } from '@portico/domain';
import { metricLimit, type ServiceLimits } from './usage-limits.mapper';

const base = {
  label: 'x',
  description: '',
  unit: 'bytes',
  kind: 'gauge',
  perService: true,
  whmcs: null,
  ingest: true,
} as const;
const disk: MetricDefinition = {
  ...base,
  key: 'disk',
  whmcs: 'diskusage',
  limit: { from: 'whmcs', field: 'disklimit' },
};
const perService: MetricDefinition = {
  ...base,
  key: 'req',
  unit: 'requests',
  kind: 'counter',
  limit: { from: 'config', value: 100, per: 'service' },
};
const perAccount: MetricDefinition = {
  ...base,
  key: 'seats',
  unit: 'count',
  perService: false,
  limit: { from: 'config', value: 7, per: 'account' },
};
const none: MetricDefinition = { ...base, key: 'n', limit: { from: 'none' } };

const services: ServiceLimits[] = [
  { service: '1', name: 'a', status: 'active', limits: { disklimit: 1000 } },
  { service: '2', name: 'b', status: 'active', limits: { disklimit: 500 } },
  { service: '3', name: 'c', status: 'suspended', limits: { disklimit: 9999 } },
  { service: '4', name: 'd', status: 'active', limits: {} },
];

describe('metricLimit', () => {
  it('sums WHMCS limits of active services carrying the quota; one service gets its own', () => {
    expect(metricLimit(disk, services, null)).toBe(1500);
    expect(metricLimit(disk, services, '3')).toBe(9999);
    expect(
      metricLimit(
        disk,
        [...services, { service: '5', name: 'e', status: 'active', limits: { disklimit: null } }],
        null,
      ),
    ).toBeNull();
    expect(metricLimit(disk, services, '99')).toBeUndefined();
    expect(metricLimit(disk, null, null)).toBeUndefined();
  });

  it('takes configured limits per service (times the active services) or per account', () => {
    expect(metricLimit(perService, services, '1')).toBe(100);
    expect(metricLimit(perService, services, null)).toBe(300);
    expect(metricLimit(perAccount, services, null)).toBe(7);
    expect(metricLimit(none, services, null)).toBeNull();
  });
});
