import {
  accountStatusSchema,
  accountUsageCatalogSchema,
  apiErrorSchema,
  createdApiKeySchema,
  usageAlertsViewSchema,
  usageIngestResultSchema,
  usageSamplePageSchema,
  usageSeriesSchema,
  type UsageIngestResult,
  type UsageSeries,
} from '@portico/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { DbContext } from '../../src/core/prisma/db-context';
import { UsageAlertsService } from '../../src/modules/usage/alerts/usage-alerts.service';
import { API_KEY_PREFIX, hashApiKey } from '../../src/modules/usage/api-keys/api-keys.service';
import { WhmcsUsageSyncService } from '../../src/modules/usage/sync/whmcs-usage-sync.service';
import { UsageServicesService } from '../../src/modules/usage/usage-services.service';
import { testDb } from '../factories/db';
import { loginAs, sessionHeaders } from '../support/login';
import { waitForMail } from '../support/mail';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEST_ENV } from '../support/test-state';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIB = 1024 ** 2;
const [acme, globex, initech] = DEMO_ACCOUNTS;
const sandboxUrl = () => process.env[TEST_ENV.sandboxUrl];

describe('usage (integration)', () => {
  let t: TestApp;
  let cookie: string;
  let admin: string;
  let db: Client;
  const to = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR);

  beforeAll(async () => {
    // The sandbox is shared by every suite (others add services to the demo clients): start from its seeded state.
    expect((await fetch(`${sandboxUrl()}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    t = await createTestApp();
    // With a database that outlives one suite, the stored services may hold what other suites added in WHMCS: read
    // the account's services again from the reset sandbox.
    expect(
      await DbContext.runAsSystem('test-services', () => t.app.get(UsageServicesService).refresh(acme!.id)),
    ).not.toBeNull();
    db = await testDb();
    cookie = await loginAs(t.url, 'owner@acme.example');
    admin = await loginAs(t.url, 'admin@portico.example');
  });
  afterAll(async () => {
    await t.close();
    await db.end();
  });

  const get = (path: string, query: Record<string, string>, headers: Record<string, string> = { cookie }) =>
    fetch(`${t.url}${path}?${new URLSearchParams(query).toString()}`, { headers });
  const series = async (accountId: string, query: Record<string, string>): Promise<UsageSeries> => {
    const res = await get(`/api/v1/accounts/${accountId}/usage`, query);
    expect(res.status).toBe(200);
    return usageSeriesSchema.parse(await res.json());
  };
  const range = (spanMs: number, end = to) => ({
    from: new Date(end.getTime() - spanMs).toISOString(),
    to: end.toISOString(),
  });

  /** Creates an API key through the admin API. */
  async function createKey(accountId: string | null, name = 'meter'): Promise<string> {
    const res = await fetch(`${t.url}/api/v1/admin/api-keys`, {
      method: 'POST',
      headers: sessionHeaders(admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name, accountId }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return createdApiKeySchema.parse(await res.json()).secret;
  }
  const ingest = (key: string, body: unknown, contentType = 'application/json') =>
    fetch(`${t.url}/api/v1/usage/samples`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const ingested = async (res: Response): Promise<UsageIngestResult> => {
    expect(res.status).toBe(200);
    return usageIngestResultSchema.parse(await res.json());
  };

  describe('reads', () => {
    it.each([
      ['6h', 6 * HOUR, 'raw', null, 360],
      ['1d', DAY, '1m', 60_000, 1440],
      ['3d', 3 * DAY, '10m', 600_000, 432],
      ['30d', 30 * DAY, '1h', 3_600_000, 720],
      ['89d', 89 * DAY, '1h', 3_600_000, 89 * 24],
    ])('a %s range of one service uses the %s bucket', async (_label, span, bucket, bucketMs, points) => {
      const s = await series(acme!.id, { metric: 'disk', service: '101', ...range(span) });
      expect(s).toMatchObject({ bucket, bucketMs, kind: 'gauge', unit: 'bytes', service: '101' });
      expect(s.points).toHaveLength(points);
      const times = s.points.map((p) => Date.parse(p.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const p of s.points) {
        expect(p.min!).toBeLessThanOrEqual(p.value + 1e-6);
        expect(p.max!).toBeGreaterThanOrEqual(p.value - 1e-6);
      }
    });

    it('keeps 90 days of history per service, read in daily buckets past 90 days', async () => {
      for (const service of acme!.services) {
        const s = await series(acme!.id, { metric: 'disk', service: service.id, ...range(120 * DAY) });
        expect(s.bucket).toBe('1d');
        expect(s.points.length).toBeGreaterThanOrEqual(89);
      }
    });

    it("sums gauges across services (Acme disk = its services) and ends near each service's WHMCS ratio", async () => {
      const all = await series(acme!.id, { metric: 'disk', ...range(6 * HOUR) });
      const parts = await Promise.all(
        acme!.services.map((s) => series(acme!.id, { metric: 'disk', service: s.id, ...range(6 * HOUR) })),
      );
      expect(all.service).toBeNull();
      const last = all.points.at(-1)!;
      const sum = parts.reduce((total, p) => total + p.points.at(-1)!.value, 0);
      expect(last.value).toBeCloseTo(sum, 0);
      const wordpress = parts[1]!.points.at(-1)!.value / (acme!.services[1]!.diskLimitMb * MIB);
      expect(wordpress).toBeGreaterThan(0.89);
      expect(wordpress).toBeLessThan(0.93);
    });

    it('shows counters as sums per bucket with a total, no min/max', async () => {
      const s = await series(acme!.id, { metric: 'bandwidth', ...range(30 * DAY) });
      expect(s.kind).toBe('counter');
      expect(s.points.every((p) => p.min === null && p.max === null)).toBe(true);
      expect(s.total).toBeCloseTo(
        s.points.reduce((sum, p) => sum + p.value, 0),
        0,
      );
      // 30 days add up to about `ratio` of each service's monthly limit.
      const expected = acme!.services.reduce((sum, svc) => sum + svc.bandwidthLimitMb * MIB * svc.ratio, 0);
      expect(s.total! / expected).toBeGreaterThan(0.9);
      expect(s.total! / expected).toBeLessThan(1.1);
      expect(s.limit).toBe((1_048_576 + 204_800) * MIB);
    });

    it('projects to the end of the billing period when the range reaches now', async () => {
      const s = await series(acme!.id, {
        metric: 'disk',
        service: '102',
        from: new Date(Date.now() - 30 * DAY).toISOString(),
        to: new Date().toISOString(),
      });
      expect(s.projection).not.toBeNull();
      expect(s.projection!.low).toBeLessThanOrEqual(s.projection!.value);
      expect(s.projection!.high).toBeGreaterThanOrEqual(s.projection!.value);
      expect(s.projection!.slopePerDay).toBeGreaterThan(0);
      expect(
        (await series(acme!.id, { metric: 'disk', ...range(DAY, new Date(Date.now() - 10 * DAY)) }))
          .projection,
      ).toBeNull();
    });

    it("serves the catalog with the account's services", async () => {
      const res = await get(`/api/v1/accounts/${acme!.id}/usage/catalog`, {});
      const catalog = accountUsageCatalogSchema.parse(await res.json());
      expect(catalog.metrics.map((m) => m.key)).toEqual(['disk', 'bandwidth', 'api_requests']);
      expect(catalog.services.map((s) => s.id)).toEqual(['101', '102', '103']);
    });

    it('pages raw samples with a cursor, no aggregation', async () => {
      const query = { metric: 'disk', service: '101', ...range(HOUR), limit: '25' };
      const first = usageSamplePageSchema.parse(
        await (await get(`/api/v1/accounts/${acme!.id}/usage/samples`, query)).json(),
      );
      expect(first.items).toHaveLength(25);
      const second = usageSamplePageSchema.parse(
        await (
          await get(`/api/v1/accounts/${acme!.id}/usage/samples`, { ...query, cursor: first.nextCursor! })
        ).json(),
      );
      const third = usageSamplePageSchema.parse(
        await (
          await get(`/api/v1/accounts/${acme!.id}/usage/samples`, { ...query, cursor: second.nextCursor! })
        ).json(),
      );
      const all = [...first.items, ...second.items, ...third.items];
      expect(all).toHaveLength(60);
      expect(new Set(all.map((i) => i.at)).size).toBe(60);
      expect(third.nextCursor).toBeNull();
      const bad = await get(`/api/v1/accounts/${acme!.id}/usage/samples`, { ...query, cursor: 'nope' });
      expect(bad.status).toBe(400);
    });

    it('streams the CSV export for any bucket', async () => {
      const res = await get(`/api/v1/accounts/${acme!.id}/usage.csv`, {
        metric: 'bandwidth',
        bucket: '10m',
        ...range(2 * DAY),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="usage-bandwidth-10m-/);
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe('timestamp,service,sum_bytes,samples');
      expect(lines).toHaveLength(1 + 2 * 144);
      const raw = await (
        await get(`/api/v1/accounts/${acme!.id}/usage.csv`, { metric: 'disk', bucket: 'raw', ...range(HOUR) })
      ).text();
      expect(raw.trim().split('\r\n')).toHaveLength(1 + 3 * 60);
    });

    it('refuses bad queries with 400 and a path, and other accounts with 404', async () => {
      const reversed = await get(`/api/v1/accounts/${acme!.id}/usage`, {
        metric: 'disk',
        from: to.toISOString(),
        to: to.toISOString(),
      });
      expect(reversed.status).toBe(400);
      expect(apiErrorSchema.parse(await reversed.json()).details?.[0]?.path).toBe('query.from');
      const unknown = await get(`/api/v1/accounts/${acme!.id}/usage`, {
        metric: 'cpu_seconds',
        ...range(HOUR),
      });
      expect(unknown.status).toBe(400);
      expect(apiErrorSchema.parse(await unknown.json()).details?.[0]?.path).toBe('query.metric');
      expect(
        (await get(`/api/v1/accounts/${initech!.id}/usage`, { metric: 'disk', ...range(HOUR) })).status,
      ).toBe(404);
    });
  });

  describe('ingestion', () => {
    it('records a batch, answers per sample, and a resent batch changes nothing', async () => {
      const key = await createKey(globex!.id);
      const now = Date.now();
      const count = async () =>
        (
          await db.query(
            "SELECT count(*)::int AS n FROM usage_samples WHERE account_id = $1 AND metric = 'api_requests' AND service_id = '104'",
            [globex!.id],
          )
        ).rows[0].n as number;
      const before = await count();
      const samples = Array.from({ length: 100 }, (_, i) => ({
        metric: 'api_requests',
        service: '104',
        at: new Date(now - (100 - i) * 60_000).toISOString(),
        value: i,
      }));
      const bad = [
        { metric: 'api_requests', service: '104', at: 'yesterday', value: 1 },
        { metric: 'cpu_seconds', service: '104', at: new Date(now).toISOString(), value: 1 },
        { metric: 'api_requests', service: '999', at: new Date(now).toISOString(), value: 1 },
        { metric: 'api_requests', service: '104', at: new Date(now).toISOString(), value: -1 },
        { metric: 'api_requests', service: '104', at: new Date(now + 10 * 60_000).toISOString(), value: 1 },
        { metric: 'api_requests', service: '104', at: new Date(now - 40 * DAY).toISOString(), value: 1 },
        { metric: 'api_requests', at: new Date(now).toISOString(), value: 1 },
        { metric: 'bandwidth', service: '104', at: new Date(now).toISOString(), value: 1 },
        {
          metric: 'api_requests',
          service: '104',
          at: new Date(now).toISOString(),
          value: 1,
          account: acme!.id,
        },
      ];
      const first = await ingested(await ingest(key, { samples: [...samples, ...bad] }));
      expect(first).toMatchObject({ accepted: 100, duplicate: 0, rejected: 9 });
      expect(first.errors.map((e) => [e.index, e.reason])).toEqual([
        [100, 'malformed'],
        [101, 'unknown_metric'],
        [102, 'unknown_service'],
        [103, 'invalid_value'],
        [104, 'future_timestamp'],
        [105, 'too_old'],
        [106, 'service_required'],
        [107, 'metric_not_ingestible'],
        [108, 'account_forbidden'],
      ]);
      const again = await ingested(await ingest(key, samples));
      expect(again).toMatchObject({ accepted: 0, duplicate: 100, rejected: 0 });
      expect(await count()).toBe(before + 100);
      // Rollups and reads are current at once.
      const s = await series(globex!.id, {
        metric: 'api_requests',
        service: '104',
        from: new Date(now - 2 * HOUR).toISOString(),
        to: new Date(now + 60_000).toISOString(),
      });
      expect(s.total).toBeGreaterThanOrEqual(4950);
      expect(s.points.some((p) => p.value >= 99)).toBe(true);
    });

    it('takes NDJSON, client ids (a resent id is a duplicate, even in one batch) and a platform-wide key', async () => {
      const key = await createKey(null, 'platform meter');
      const at = new Date(Date.now() - 5 * 60_000).toISOString();
      const lines = [
        JSON.stringify({
          account: initech!.id,
          metric: 'api_requests',
          service: '106',
          at,
          value: 2,
          id: 'evt-1',
        }),
        JSON.stringify({
          account: initech!.id,
          metric: 'api_requests',
          service: '106',
          at,
          value: 3,
          id: 'evt-2',
        }),
        JSON.stringify({
          account: initech!.id,
          metric: 'api_requests',
          service: '106',
          at,
          value: 3,
          id: 'evt-2',
        }),
        '{not json',
        JSON.stringify({ metric: 'api_requests', service: '106', at, value: 3 }),
        JSON.stringify({
          account: '00000000-0000-4000-8000-00000000dead',
          metric: 'api_requests',
          service: '106',
          at,
          value: 3,
        }),
      ].join('\n');
      const result = await ingested(await ingest(key, `${lines}\n`, 'application/x-ndjson'));
      expect(result).toMatchObject({ accepted: 2, duplicate: 1, rejected: 3 });
      expect(result.errors.map((e) => [e.index, e.reason])).toEqual([
        [3, 'malformed'],
        [4, 'unknown_account'],
        [5, 'unknown_account'],
      ]);
      const resent = await ingested(
        await ingest(key, [
          {
            account: initech!.id,
            metric: 'api_requests',
            service: '106',
            at: new Date().toISOString(),
            value: 2,
            id: 'evt-1',
          },
        ]),
      );
      expect(resent).toMatchObject({ accepted: 0, duplicate: 1 });
    });

    it('refuses unknown and revoked keys with 401, session cookies alone with 401, and bodies that are not batches with 400', async () => {
      const key = await createKey(acme!.id, 'to revoke');
      const body = [{ metric: 'disk', service: '101', at: new Date().toISOString(), value: 1 }];
      expect((await ingest(key, body)).status).toBe(200);
      const list = await (
        await fetch(`${t.url}/api/v1/admin/api-keys`, { headers: { cookie: admin } })
      ).json();
      const id = (
        list as { items: Array<{ id: string; prefix: string; lastUsedAt: string | null }> }
      ).items.find((k) => key.startsWith(k.prefix))!;
      expect(id.lastUsedAt).not.toBeNull();
      const revoke = await fetch(`${t.url}/api/v1/admin/api-keys/${id.id}/revoke`, {
        method: 'POST',
        headers: sessionHeaders(admin),
      });
      expect(revoke.status).toBe(200);
      expect((await ingest(key, body)).status).toBe(401);
      expect((await ingest(`ptk_${'A'.repeat(43)}`, body)).status).toBe(401);
      const viaCookie = await fetch(`${t.url}/api/v1/usage/samples`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(viaCookie.status).toBe(401);
      const fresh = await createKey(acme!.id);
      const notJson = await ingest(fresh, '{"samples": [', 'application/json');
      expect(notJson.status).toBe(400);
      expect(apiErrorSchema.parse(await notJson.json()).code).toBe('validation_failed');
      const { rows } = await db.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE action LIKE 'usage.api_key_%' AND target = $1",
        [id.id],
      );
      expect(rows.map((r) => r.action).sort()).toEqual(['usage.api_key_created', 'usage.api_key_revoked']);
      // Only platform administrators manage keys.
      expect((await fetch(`${t.url}/api/v1/admin/api-keys`, { headers: { cookie } })).status).toBe(404);
    });

    it('refuses a key without the usage:write scope with 403, and records nothing', async () => {
      const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      await db.query(
        "INSERT INTO usage_api_keys (id, account_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, 'no scope', $3, $4, '{}')",
        [randomUUID(), acme!.id, secret.slice(0, 12), hashApiKey(secret)],
      );
      const res = await ingest(secret, [
        { metric: 'api_requests', service: '101', at: new Date().toISOString(), value: 1 },
      ]);
      expect(res.status).toBe(403);
      expect(apiErrorSchema.parse(await res.json()).code).toBe('forbidden');
    });

    it('takes a batch of 5,000 samples over the 1 MB server-wide body limit', async () => {
      const key = await createKey(acme!.id);
      const base = Date.now() - 4 * DAY;
      const samples = Array.from({ length: 5000 }, (_, i) => ({
        account: acme!.id,
        metric: 'api_requests',
        service: '101',
        at: new Date(base + i * 1000).toISOString(),
        value: 1,
        id: `bulk-${i}-${'x'.repeat(100)}`,
      }));
      expect(JSON.stringify(samples).length).toBeGreaterThan(1_048_576);
      expect(await ingested(await ingest(key, { samples }))).toMatchObject({ accepted: 5000, rejected: 0 });
      const over = await ingested(await ingest(key, { samples: [...samples.slice(0, 1), ...samples] }));
      expect(over.errors.at(-1)).toMatchObject({ index: 5000, reason: 'batch_too_large' });
    });
  });

  describe('alerts', () => {
    it('fires once per crossing (hysteresis), lists it, audits rule changes and mails the managers', async () => {
      const key = await createKey(initech!.id);
      const initechOwner = await loginAs(t.url, 'owner@initech.example');
      const create = await fetch(`${t.url}/api/v1/accounts/${initech!.id}/usage/alerts`, {
        method: 'POST',
        headers: sessionHeaders(initechOwner, { 'content-type': 'application/json' }),
        body: JSON.stringify({
          metric: 'api_requests',
          service: '106',
          threshold: { type: 'absolute', value: 1_000_000_000 },
          hysteresis: 0.1,
        }),
      });
      expect(create.status).toBe(201);
      // Evaluated directly (as the ingestion does after its quiet time), so the test decides when.
      const alerts = t.app.get(UsageAlertsService);
      const send = async (value: number) => {
        expect(
          (
            await ingested(
              await ingest(key, [
                {
                  metric: 'api_requests',
                  service: '106',
                  at: new Date().toISOString(),
                  value,
                  id: `alert-${Math.random()}`,
                },
              ]),
            )
          ).accepted,
        ).toBe(1);
        return alerts.evaluate(initech!.id);
      };
      // The ingestion evaluates too (after its quiet time): count the firings, whichever evaluation made them.
      const firings = async () =>
        (
          await db.query('SELECT count(*)::int AS n FROM usage_alert_events WHERE account_id = $1', [
            initech!.id,
          ])
        ).rows[0].n as number;
      await send(500_000_000);
      expect(await firings()).toBe(0);
      await send(600_000_000);
      expect(await firings()).toBe(1);
      await send(1);
      // real wait: lets the ingestion's own evaluation (after its quiet time, a timer in the BFF) run first.
      await new Promise((r) => setTimeout(r, 800));
      await alerts.evaluate(initech!.id);
      expect(await firings()).toBe(1);
      const view = usageAlertsViewSchema.parse(
        await (
          await fetch(`${t.url}/api/v1/accounts/${initech!.id}/usage/alerts`, {
            headers: { cookie: initechOwner },
          })
        ).json(),
      );
      expect(view.recent).toHaveLength(1);
      expect(view.rules[0]).toMatchObject({ state: 'fired' });
      const mail = await waitForMail('owner@initech.example', 1);
      expect(mail.subject).toMatch(/Usage alert: API requests of Starter Hosting/);
      const { rows } = await db.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'usage.alert_created' AND account_id = $1",
        [initech!.id],
      );
      expect(rows[0].n).toBe(1);
      // A viewer may read alerts but not set them.
      const viewer = await fetch(`${t.url}/api/v1/accounts/${globex!.id}/usage/alerts`, {
        method: 'POST',
        headers: sessionHeaders(cookie, { 'content-type': 'application/json' }),
        body: JSON.stringify({ metric: 'disk', threshold: { type: 'percent', value: 90 } }),
      });
      expect(viewer.status).toBe(403);
    });
  });

  describe('WHMCS usage sync', () => {
    it("records samples when lastupdate moves, and the tiles show WHMCS's own figures", async () => {
      if (!sandboxUrl()) return;
      const sync = t.app.get(WhmcsUsageSyncService);
      await sync.runOnce();
      // WHMCS says 4,180 MB in use on Initech's Starter Hosting (service 106).
      const set = await fetch(`${sandboxUrl()}/__admin/whmcs/services/106/usage`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ diskusage: 4180 }),
      });
      expect(set.status).toBe(200);
      const before = await db.query(
        "SELECT count(*)::int AS n FROM usage_samples WHERE account_id = $1 AND metric = 'disk' AND service_id = '106'",
        [initech!.id],
      );
      const report = await sync.runOnce();
      // Other suites link accounts to clients the sandbox does not have: those fail, Initech must not.
      expect(report.failures.filter((f) => f.accountId === initech!.id)).toEqual([]);
      const after = await db.query(
        "SELECT count(*)::int AS n, max(value) FILTER (WHERE at > now() - interval '1 hour') AS v FROM usage_samples WHERE account_id = $1 AND metric = 'disk' AND service_id = '106'",
        [initech!.id],
      );
      expect(after.rows[0].n).toBe(before.rows[0].n + 1);
      expect(after.rows[0].v).toBe(4180 * MIB);
      // Nothing moved: nothing more recorded.
      await sync.runOnce();
      const again = await db.query(
        "SELECT count(*)::int AS n FROM usage_samples WHERE account_id = $1 AND metric = 'disk' AND service_id = '106'",
        [initech!.id],
      );
      expect(again.rows[0].n).toBe(after.rows[0].n);
      const initechOwner = await loginAs(t.url, 'owner@initech.example');
      const status = accountStatusSchema.parse(
        await (
          await fetch(`${t.url}/api/v1/accounts/${initech!.id}/status`, { headers: { cookie: initechOwner } })
        ).json(),
      );
      const disk = status.usage.data!.find((x) => x.metric === 'disk')!;
      expect(disk).toMatchObject({ used: 4180 * MIB, source: 'whmcs', limit: 10_240 * MIB });
      expect(disk.measuredAt).not.toBeNull();
    });

    it("turns the month's bandwidth total into what was added since the last reading", async () => {
      if (!sandboxUrl()) return;
      const sync = t.app.get(WhmcsUsageSyncService);
      await sync.runOnce();
      const state = (await (await fetch(`${sandboxUrl()}/__admin/state`)).json()) as {
        services: Array<{ id: number; bwusage: number }>;
      };
      const start = state.services.find((s) => s.id === 104)!.bwusage;
      await fetch(`${sandboxUrl()}/__admin/whmcs/services/104/usage`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bwusage: start + 300 }),
      });
      await sync.runOnce();
      const { rows } = await db.query(
        "SELECT value FROM usage_samples WHERE account_id = $1 AND metric = 'bandwidth' AND service_id = '104' ORDER BY at DESC LIMIT 1",
        [globex!.id],
      );
      expect(rows[0].value).toBe(300 * MIB);
    });
  });
});
