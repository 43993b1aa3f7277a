import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AccountStatus, StatusBlockName } from '@portico/domain';
import { accountStatusSchema, meSchema } from '@portico/domain';
import type { Env } from '../../src/core/config/env';
import { StatusCacheService } from '../../src/modules/status-cache/status-cache.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { loginAs } from '../support/login';

const BLOCKS: readonly StatusBlockName[] = ['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage'];
const WHMCS_BLOCKS = ['profile', 'subscriptions', 'billing'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Upstream data reads of one cold dashboard: each is one resource, to be read once however many readers. */
const RESOURCES = {
  whmcs: {
    GetClientsDetails: 1,
    GetClientsProducts: 1,
    GetInvoices: 2 /* open invoices, and the 5 most recent */,
  },
  salesforce: { 'query Account': 1, 'query Case': 1 },
};

/** A TCP relay to the sandbox that can be cut, so the BFF meets refused connections (an upstream that is down). */
async function relayTo(target: URL): Promise<{ url: string; cut: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('upstream resilience and stale-while-revalidate (integration, sandbox faults)', () => {
  let sandbox: string;
  let acmeCookie: string;
  let acme: string;
  let globex: string;
  const apps: TestApp[] = [];

  /** A BFF whose breakers and caches start fresh, with the blocks of the demo accounts dropped from the cache. */
  async function app(overrides: Partial<Env> = {}): Promise<TestApp> {
    const t = await createTestApp(overrides);
    apps.push(t);
    const cache = t.app.get(StatusCacheService);
    for (const id of [acme, globex].filter(Boolean)) await cache.invalidate(id, BLOCKS);
    return t;
  }

  async function status(
    t: TestApp,
    accountId: string,
    cookie = acmeCookie,
  ): Promise<{ http: number; doc: AccountStatus }> {
    const res = await fetch(`${t.url}/api/v1/accounts/${accountId}/status`, { headers: { cookie } });
    const body: unknown = await res.json();
    expect({ http: res.status, body }).toMatchObject({ http: 200 });
    return { http: res.status, doc: accountStatusSchema.parse(body) };
  }

  async function admin(method: string, path: string, body?: object): Promise<unknown> {
    const res = await fetch(`${sandbox}/__admin/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.ok).toBe(true);
    return res.status === 204 ? null : res.json();
  }
  const fault = (body: object) => admin('POST', 'faults', body);
  const calls = async () =>
    (await admin('GET', 'calls')) as { whmcs: Record<string, number>; salesforce: Record<string, number> };

  beforeAll(async () => {
    const probe = await createTestApp();
    sandbox = new URL(probe.env.SALESFORCE_LOGIN_URL).origin;
    await admin('POST', 'reset');
    acmeCookie = await loginAs(probe.url, 'owner@acme.example');
    const me = meSchema.parse(
      await (await fetch(`${probe.url}/api/v1/me`, { headers: { cookie: acmeCookie } })).json(),
    );
    acme = me.memberships.find((m) => m.accountName === 'Acme Hosting Ltd')?.accountId ?? '';
    globex = me.memberships.find((m) => m.accountName === 'Globex Corporation')?.accountId ?? '';
    await probe.close();
  });
  afterEach(async () => {
    await admin('DELETE', 'faults');
    while (apps.length > 0) await apps.pop()?.close();
  });

  it('WHMCS answering 500s: cached blocks are served stale with their age and reason, never a 5xx', async () => {
    const t = await app({ STATUS_CACHE_TTL_MS: 100, STATUS_CACHE_STALE_IF_ERROR_MS: 60_000 });
    const warm = (await status(t, acme)).doc;
    await sleep(150); // real wait: the fresh window (STATUS_CACHE_TTL_MS) runs on the BFF's clock
    await fault({ upstream: 'whmcs', mode: 'error', status: 500 });
    const { doc } = await status(t, acme);
    for (const name of WHMCS_BLOCKS) {
      expect(doc[name].meta).toMatchObject({
        stale: true,
        unavailable: false,
        reason: 'Billing system is unavailable',
      });
      expect(doc[name].meta.fetchedAt).toBe(warm[name].meta.fetchedAt);
      expect(doc[name].data).toEqual(warm[name].data);
    }
    expect(doc.cases.meta.unavailable).toBe(false);
  });

  it('WHMCS down (connection refused): stale blocks from the cache; a cold account shows them unavailable', async () => {
    const relay = await relayTo(new URL(sandbox));
    const t = await app({
      WHMCS_API_URL: `${relay.url}/includes/api.php`,
      STATUS_CACHE_TTL_MS: 100,
      STATUS_CACHE_STALE_IF_ERROR_MS: 60_000,
    });
    const warm = (await status(t, acme)).doc;
    await relay.cut();
    await sleep(150); // real wait: the fresh window (STATUS_CACHE_TTL_MS) runs on the BFF's clock
    const { doc } = await status(t, acme);
    for (const name of WHMCS_BLOCKS) {
      expect(doc[name].meta).toMatchObject({
        stale: true,
        unavailable: false,
        fetchedAt: warm[name].meta.fetchedAt,
      });
      expect(doc[name].meta.reason).toMatch(/^Billing system/);
    }
    const cold = (await status(t, globex)).doc;
    for (const name of WHMCS_BLOCKS)
      expect(cold[name].meta).toMatchObject({ unavailable: true, stale: false, fetchedAt: null });
    expect(cold.cases.meta.unavailable).toBe(false);
  });

  it('WHMCS stalling 10 s: answers at its timeout from the stale cache, not after the stall', async () => {
    const t = await app({ STATUS_CACHE_TTL_MS: 100, STATUS_CACHE_STALE_IF_ERROR_MS: 60_000 });
    await status(t, acme);
    await sleep(150); // real wait: the fresh window (STATUS_CACHE_TTL_MS) runs on the BFF's clock
    await fault({ upstream: 'whmcs', mode: 'latency', latencyMs: 10_000 });
    const started = Date.now();
    const { doc } = await status(t, acme);
    // Functional bound, not a benchmark: the answer came from the cache before the stalled upstream answered.
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const name of WHMCS_BLOCKS) {
      expect(doc[name].meta).toMatchObject({
        stale: true,
        unavailable: false,
        reason: 'Billing system did not answer in time',
      });
    }
  }, 30_000);

  it('within the stale-while-revalidate window, a stalled upstream does not delay the answer at all', async () => {
    const t = await app({
      STATUS_CACHE_TTL_MS: 100,
      STATUS_CACHE_STALE_MS: 60_000,
      STATUS_CACHE_STALE_IF_ERROR_MS: 60_000,
    });
    const warm = (await status(t, acme)).doc;
    await sleep(150); // real wait: the fresh window (STATUS_CACHE_TTL_MS) runs on the BFF's clock
    await fault({ upstream: 'whmcs', mode: 'timeout' });
    const { doc } = await status(t, acme);
    for (const name of WHMCS_BLOCKS) {
      expect(doc[name].meta).toMatchObject({
        stale: true,
        unavailable: false,
        fetchedAt: warm[name].meta.fetchedAt,
      });
    }
  });

  it('malformed JSON from WHMCS: cold blocks unavailable with the reason, the document still 200', async () => {
    const t = await app();
    await fault({ upstream: 'whmcs', mode: 'garbage' });
    const { doc } = await status(t, globex);
    for (const name of WHMCS_BLOCKS) {
      expect(doc[name].meta).toMatchObject({
        unavailable: true,
        reason: 'Billing system sent an unexpected answer',
      });
      expect(doc[name].data).toBeNull();
    }
    expect(doc.crm.meta.unavailable).toBe(false);
  });

  it('WHMCS 429 opens the breaker for its Retry-After; readiness reports it, degraded, and stays 200', async () => {
    const t = await app();
    await fault({ upstream: 'whmcs', mode: 'rate_limit', retryAfterS: 20 });
    const { doc } = await status(t, acme);
    expect(doc.upstreams.whmcs).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    const retryIn = Date.parse(doc.upstreams.whmcs.retryAt ?? '') - Date.parse(doc.generatedAt);
    expect(retryIn).toBeGreaterThan(15_000);
    expect(retryIn).toBeLessThanOrEqual(20_000);
    expect(doc.upstreams.salesforce.breaker).toBe('closed');
    for (const name of WHMCS_BLOCKS) expect(doc[name].meta.unavailable).toBe(true);

    // While the limit holds, nothing more reaches WHMCS, even once the upstream would answer again.
    await admin('DELETE', 'faults');
    await admin('DELETE', 'calls');
    await t.app.get(StatusCacheService).invalidate(acme, BLOCKS);
    await status(t, acme);
    expect((await calls()).whmcs).toEqual({});

    const ready = await fetch(`${t.url}/health/ready`);
    const body = (await ready.json()) as {
      status: string;
      checks: Record<string, { status: string }>;
      upstreams: Record<string, { breaker: string }>;
    };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.whmcs?.status).toBe('degraded');
    expect(body.upstreams.whmcs?.breaker).toBe('open');
    expect(body.checks.salesforce?.status).toBe('ok');
  });

  it('Salesforce REQUEST_LIMIT_EXCEEDED opens its breaker for the configured time when no Retry-After is given', async () => {
    const t = await app({ UPSTREAM_RATE_LIMIT_DEFAULT_MS: 45_000 });
    await fault({ upstream: 'salesforce', action: 'query', mode: 'rate_limit' });
    const { doc } = await status(t, acme);
    expect(doc.upstreams.salesforce).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    const retryIn = Date.parse(doc.upstreams.salesforce.retryAt ?? '') - Date.parse(doc.generatedAt);
    expect(retryIn).toBeGreaterThan(40_000);
    expect(retryIn).toBeLessThanOrEqual(45_000);
    expect(doc.cases.meta).toMatchObject({ unavailable: true, reason: 'Support system is unavailable' });
    expect(doc.upstreams.whmcs.breaker).toBe('closed');
  });

  it('at 5 requests/s against a failing WHMCS, the breaker opens within 10 requests (2 s) and calls stop', async () => {
    const t = await app({ STATUS_CACHE_TTL_MS: 0 });
    await fault({ upstream: 'whmcs', mode: 'error', status: 500 });
    let openedAt: number | null = null;
    for (let i = 1; i <= 10 && openedAt === null; i += 1) {
      const tick = sleep(200); // real wait: the pace under test (5 requests/s)
      const { doc } = await status(t, acme);
      if (doc.upstreams.whmcs.breaker === 'open') openedAt = i;
      await tick;
    }
    expect(openedAt).not.toBeNull();
    await admin('DELETE', 'calls');
    for (let i = 0; i < 3; i += 1) {
      const { doc } = await status(t, acme);
      for (const name of WHMCS_BLOCKS)
        expect(doc[name].meta).toMatchObject({ unavailable: true, reason: 'Billing system is unavailable' });
    }
    expect((await calls()).whmcs).toEqual({});
  });

  it('100 concurrent cold reads of one account make one upstream call per resource', async () => {
    const t = await app();
    await admin('DELETE', 'calls');
    const docs = await Promise.all(Array.from({ length: 100 }, () => status(t, acme)));
    expect(docs.every(({ doc }) => BLOCKS.every((b) => !doc[b].meta.unavailable))).toBe(true);
    const seen = await calls();
    expect(seen.whmcs).toEqual(RESOURCES.whmcs);
    expect(seen.salesforce).toMatchObject(RESOURCES.salesforce);
    expect(seen.salesforce.query).toBe(2);
  });

  (process.env.REDIS_URL ? it : it.skip)(
    '100 concurrent cold reads spread over two instances sharing Redis still make one call per resource',
    async () => {
      const a = await app();
      const b = await app();
      await admin('DELETE', 'calls');
      const docs = await Promise.all(
        Array.from({ length: 100 }, (_, i) => status(i % 2 === 0 ? a : b, acme)),
      );
      expect(docs.every(({ doc }) => BLOCKS.every((x) => !doc[x].meta.unavailable))).toBe(true);
      const seen = await calls();
      expect(seen.whmcs).toEqual(RESOURCES.whmcs);
      expect(seen.salesforce).toMatchObject(RESOURCES.salesforce);
      // Both instances read the same cached copy.
      expect(new Set(docs.map(({ doc }) => doc.profile.meta.fetchedAt)).size).toBe(1);
    },
  );

  it('an invalidation (as webhooks do) drops exactly the named blocks, on every instance', async () => {
    const a = await app();
    const b = process.env.REDIS_URL ? await app() : a;
    const first = (await status(a, acme)).doc;
    await a.app.get(StatusCacheService).invalidate(acme, ['cases']);
    const after = (await status(b, acme)).doc;
    expect(after.cases.meta.fetchedAt).not.toBe(first.cases.meta.fetchedAt);
    expect(after.profile.meta.fetchedAt).toBe(first.profile.meta.fetchedAt);
    expect(after.billing.meta.fetchedAt).toBe(first.billing.meta.fetchedAt);
  });
});
