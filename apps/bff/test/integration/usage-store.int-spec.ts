import type { Client } from 'pg';
import { DbContext } from '../../src/core/prisma/db-context';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { PostgresUsageStore } from '../../src/modules/usage/store/postgres-usage-store.adapter';
import { existingPartitions, SAMPLE_PARTITIONS } from '../../src/modules/usage/store/usage-partitions';
import type { StoredSample } from '../../src/modules/usage/usage-store.port';
import { createAccount } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { InMemoryUsageStore } from '../fakes/usage-store.fake';
import { testEnv } from '../support/test-app';

const MIN = 60_000;
const DAY = 86_400_000;

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The UsageStore contract on PostgreSQL: rollups maintained batch by batch equal a full recompute from the raw
 * samples (random data, out of order, late, resent), idempotency on the natural key and on client ids, reads per
 * service and across services match the in-memory reference store, and retention drops what is past it.
 */
describe('usage store (integration)', () => {
  let owner: Client;
  let prisma: PrismaService;
  let store: PostgresUsageStore;
  const env = testEnv();

  beforeAll(async () => {
    owner = await testDb();
    prisma = new PrismaService(env);
    store = new PostgresUsageStore(prisma, env);
  });
  afterAll(async () => {
    await prisma.onModuleDestroy();
    await owner.end();
  });

  const inAccount = <T>(id: string, fn: () => Promise<T>) => DbContext.runWithAccount(id, fn);

  /** Every stored bucket of a resolution, keyed, from the rollup table. */
  async function stored(table: string, accountId: string): Promise<Map<string, number[]>> {
    const { rows } = await owner.query<{
      k: string;
      count: string;
      sum: number;
      min: number;
      max: number;
      last: number;
    }>(
      `SELECT metric || '|' || service_id || '|' || extract(epoch FROM bucket_start)::bigint AS k, count, sum, min, max, last
       FROM ${table} WHERE account_id = $1`,
      [accountId],
    );
    return new Map(rows.map((r) => [r.k, [Number(r.count), r.sum, r.min, r.max, r.last]]));
  }

  /** The same buckets recomputed in one pass over the raw samples. */
  async function recomputed(width: string, accountId: string): Promise<Map<string, number[]>> {
    const { rows } = await owner.query<{
      k: string;
      count: string;
      sum: number;
      min: number;
      max: number;
      last: number;
    }>(
      `SELECT metric || '|' || service_id || '|' || extract(epoch FROM date_bin($2::interval, at, TIMESTAMPTZ '2000-01-01 00:00:00+00'))::bigint AS k,
              count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max, (array_agg(value ORDER BY at DESC))[1] AS last
       FROM usage_samples WHERE account_id = $1 GROUP BY 1`,
      [accountId, width],
    );
    return new Map(rows.map((r) => [r.k, [Number(r.count), r.sum, r.min, r.max, r.last]]));
  }

  it('maintains rollups that equal a full recompute, whatever the order, lateness and repeats of the batches', async () => {
    const account = await createAccount(owner);
    const rnd = random(42);
    const now = Date.now();
    const samples: StoredSample[] = [];
    // Three series over the last 3 days (late samples included), integer values so sums are exact.
    for (const [metric, service] of [
      ['disk', '101'],
      ['disk', '102'],
      ['api_requests', '101'],
    ] as const) {
      for (let i = 0; i < 400; i += 1) {
        const at = new Date(Math.floor((now - rnd() * 3 * DAY) / 1000) * 1000);
        samples.push({
          accountId: account.id,
          metric,
          service,
          at,
          value: Math.floor(rnd() * 1000),
          sampleId: null,
        });
      }
    }
    // Client-id samples at one instant (events): all kept.
    for (let i = 0; i < 5; i += 1)
      samples.push({
        accountId: account.id,
        metric: 'api_requests',
        service: '101',
        at: new Date(now - 10 * MIN),
        value: 3,
        sampleId: `evt-${i}`,
      });
    // Shuffled batches of random sizes, each sent twice (a client resending what it did not see acknowledged).
    const shuffled = [...samples].sort(() => rnd() - 0.5);
    let inserted = 0;
    for (let i = 0; i < shuffled.length;) {
      const batch = shuffled.slice(i, i + 1 + Math.floor(rnd() * 150));
      i += batch.length;
      inserted += (await inAccount(account.id, () => store.append(batch))).inserted;
      expect((await inAccount(account.id, () => store.append(batch))).inserted).toBe(0);
    }
    const { rows } = await owner.query<{ n: string }>(
      'SELECT count(*) AS n FROM usage_samples WHERE account_id = $1',
      [account.id],
    );
    expect(Number(rows[0]!.n)).toBe(inserted);
    const distinct = new Set(
      samples.map((s) => `${s.metric}|${s.service}|${s.at.getTime()}|${s.sampleId ?? ''}`),
    ).size;
    expect(inserted).toBe(distinct);

    for (const [table, width] of [
      ['usage_rollups_10m', '10 minutes'],
      ['usage_rollups_1h', '1 hour'],
      ['usage_rollups_1d', '1 day'],
    ] as const) {
      const a = await stored(table, account.id);
      const b = await recomputed(width, account.id);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [k, [count, sum, min, max]] of b) {
        const got = a.get(k)!;
        expect(got.slice(0, 4)).toEqual([count, sum, min, max]);
      }
    }
    // The registry's latest value is the latest sample of each series.
    const info = await inAccount(account.id, () => store.seriesInfo(account.id, 'disk'));
    for (const s of info) {
      const latest = samples
        .filter((x) => x.metric === 'disk' && x.service === s.service)
        .sort((x, y) => y.at.getTime() - x.at.getTime())[0]!;
      expect(s.lastAt.getTime()).toBe(latest.at.getTime());
    }
  });

  it('reads per service and across services like the reference store, with gauge and counter semantics', async () => {
    const account = await createAccount(owner);
    const reference = new InMemoryUsageStore();
    const rnd = random(7);
    const base = Math.floor(Date.now() / DAY) * DAY - 2 * DAY;
    const samples: StoredSample[] = [];
    for (const service of ['201', '202']) {
      for (let m = 0; m < 3 * 1440; m += 7) {
        samples.push({
          accountId: account.id,
          metric: 'disk',
          service,
          at: new Date(base + m * MIN),
          value: 1000 + Math.floor(rnd() * 100),
          sampleId: null,
        });
        samples.push({
          accountId: account.id,
          metric: 'api_requests',
          service,
          at: new Date(base + m * MIN),
          value: Math.floor(rnd() * 50),
          sampleId: null,
        });
      }
    }
    await inAccount(account.id, () => store.append(samples.filter((s) => s.at.getTime() < Date.now())));
    await reference.append(samples.filter((s) => s.at.getTime() < Date.now()));
    const to = new Date(base + 2 * DAY);
    for (const resolution of ['raw', '1m', '10m', '1h', '1d'] as const) {
      const from = new Date(to.getTime() - (resolution === 'raw' ? 6 * 3_600_000 : DAY));
      for (const kind of ['gauge', 'counter'] as const) {
        const metric = kind === 'gauge' ? 'disk' : 'api_requests';
        for (const service of [null, '201']) {
          const read = { accountId: account.id, metric, kind, service, resolution, from, to };
          const got = await inAccount(account.id, () => store.series(read));
          const want = await reference.series(read);
          expect(got.length).toBe(want.length);
          got.forEach((p, i) => {
            const w = want[i]!;
            expect(p.at.getTime()).toBe(w.at.getTime());
            expect(p.value).toBeCloseTo(w.value, 6);
            expect(p.count).toBe(w.count);
            if (kind === 'counter') expect([p.min, p.max]).toEqual([null, null]);
            else {
              expect(p.min).toBeCloseTo(w.min!, 6);
              expect(p.max).toBeCloseTo(w.max!, 6);
            }
          });
        }
      }
    }
    const totals = await inAccount(account.id, () =>
      store.totals(account.id, 'api_requests', new Date(base), new Date(base + DAY)),
    );
    const expected = await reference.totals(account.id, 'api_requests', new Date(base), new Date(base + DAY));
    expect(totals.map((t) => [t.service, t.sum]).sort()).toEqual(
      expected.map((t) => [t.service, t.sum]).sort(),
    );
  });

  it("keeps one account from reading or writing another account's series (row-level security)", async () => {
    const a = await createAccount(owner);
    const b = await createAccount(owner);
    await inAccount(a.id, () =>
      store.append([
        { accountId: a.id, metric: 'disk', service: '1', at: new Date(), value: 5, sampleId: null },
      ]),
    );
    await expect(
      inAccount(a.id, () =>
        store.append([
          { accountId: b.id, metric: 'disk', service: '1', at: new Date(), value: 5, sampleId: null },
        ]),
      ),
    ).rejects.toThrow();
    expect(await inAccount(b.id, () => store.seriesInfo(a.id))).toEqual([]);
  });

  it('drops raw partitions past the retention and keeps the rollups', async () => {
    const account = await createAccount(owner);
    const now = new Date();
    const old = new Date(now.getTime() - 40 * DAY);
    await store.ensurePartitions(new Date(old.getTime() - DAY), now);
    await inAccount(account.id, () =>
      store.append([
        { accountId: account.id, metric: 'disk', service: '1', at: old, value: 7, sampleId: null },
      ]),
    );
    const before = await existingPartitions(owner, SAMPLE_PARTITIONS);
    const report = await DbContext.runAsSystem('test', () =>
      store.maintain(now, { rawDays: 35, tenMinuteDays: 365, hourDays: null, dayDays: null }),
    );
    const after = await existingPartitions(owner, SAMPLE_PARTITIONS);
    expect(report.partitionsDropped.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM usage_samples WHERE account_id = $1', [
      account.id,
    ]);
    expect(rows[0].n).toBe(0);
    const hourly = await owner.query(
      'SELECT count(*)::int AS n FROM usage_rollups_1h WHERE account_id = $1',
      [account.id],
    );
    expect(hourly.rows[0].n).toBe(1);
    // Partitions exist ahead for samples up to 5 minutes in the future.
    expect(after).toContain(
      `usage_samples_p${new Date(now.getTime() + DAY).toISOString().slice(0, 10).replace(/-/g, '')}`,
    );
  });
});
