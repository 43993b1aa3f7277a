import { apiErrorSchema, usageSeriesSchema, type UsageSeries } from '@portico/domain';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { loginAs } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const [acme, globex, initech] = DEMO_ACCOUNTS;

describe('usage (integration)', () => {
  let t: TestApp;
  let cookie: string;
  const to = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR);

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await loginAs(t.url, 'owner@acme.example');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (accountId: string, query: Record<string, string>, headers: Record<string, string> = { cookie }) =>
    fetch(`${t.url}/api/v1/accounts/${accountId}/usage?${new URLSearchParams(query).toString()}`, { headers });
  const series = async (metric: string, spanMs: number): Promise<UsageSeries> => {
    const res = await get(acme!.id, { metric, from: new Date(to.getTime() - spanMs).toISOString(), to: to.toISOString() });
    expect(res.status).toBe(200);
    return usageSeriesSchema.parse(await res.json());
  };

  it.each([
    ['6h', 6 * HOUR, 'raw', null, 360],
    ['1d', 24 * HOUR, '1m', 60_000, 1440],
    ['3d', 72 * HOUR, '10m', 600_000, 432],
    ['30d', 720 * HOUR, '1h', 3_600_000, 720],
  ])('a %s range uses the %s bucket', async (_label, span, bucket, bucketMs, points) => {
    const s = await series('disk', span);
    expect(s.bucket).toBe(bucket);
    expect(s.bucketMs).toBe(bucketMs);
    expect(s.points).toHaveLength(points);
    const times = s.points.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(to.getTime() - span);
    expect(times.at(-1)).toBeLessThan(to.getTime());
    for (const p of s.points) {
      expect(p.min).toBeLessThanOrEqual(p.value + 1e-6);
      expect(p.max).toBeGreaterThanOrEqual(p.value - 1e-6);
    }
  });

  it('averages bandwidth in hourly buckets (bytes per minute) with min below max', async () => {
    const s = await series('bandwidth', 720 * HOUR);
    const spread = s.points.filter((p) => p.max > p.min);
    expect(spread.length).toBe(s.points.length);
    const mean = s.points.reduce((sum, p) => sum + p.value, 0) / s.points.length;
    const expected = (acme!.bandwidthLimitBytes * acme!.bandwidthMonthRatio) / (30 * 1440);
    expect(mean / expected).toBeGreaterThan(0.9);
    expect(mean / expected).toBeLessThan(1.1);
  });

  it('shows Acme disk near 82 % of its limit', async () => {
    const s = await series('disk', 6 * HOUR);
    const last = s.points.at(-1)!;
    expect(last.value / acme!.diskLimitBytes).toBeGreaterThan(0.8);
    expect(last.value / acme!.diskLimitBytes).toBeLessThan(0.84);
  });

  it('rejects from >= to with 400 validation_failed', async () => {
    const res = await get(acme!.id, { metric: 'disk', from: to.toISOString(), to: to.toISOString() });
    expect(res.status).toBe(400);
    const body = apiErrorSchema.parse(await res.json());
    expect(body.code).toBe('validation_failed');
    expect(body.details?.[0]?.path).toBe('query.from');
  });

  it('rejects an unknown metric and a missing range with 400', async () => {
    const res = await get(acme!.id, { metric: 'cpu' });
    expect(res.status).toBe(400);
    const paths = apiErrorSchema.parse(await res.json()).details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['query.metric', 'query.from', 'query.to']));
  });

  it('answers 404 for an account the user is not a member of, and for a malformed id', async () => {
    const range = { metric: 'disk', from: new Date(to.getTime() - HOUR).toISOString(), to: to.toISOString() };
    const foreign = await get(initech!.id, range);
    expect(foreign.status).toBe(404);
    expect(apiErrorSchema.parse(await foreign.json())).toMatchObject({ code: 'not_found', message: 'Account not found' });
    expect((await get('not-a-uuid', range)).status).toBe(404);
    // Viewer membership is enough to read.
    expect((await get(globex!.id, range)).status).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const res = await get(acme!.id, { metric: 'disk', from: new Date(to.getTime() - HOUR).toISOString(), to: to.toISOString() }, {});
    expect(res.status).toBe(401);
  });
});
