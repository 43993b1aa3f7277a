import { randomUUID } from 'node:crypto';
import { apiErrorSchema } from '@portico/domain';
import { io, type Socket } from 'socket.io-client';
import { Webhook } from 'standardwebhooks';
import { StatusCacheService } from '../../src/modules/status-cache/status-cache.service';
import { accountIdByName, loginAs } from '../support/login';
import { freePort } from '../support/free-port';
import { eventually } from '../support/eventually';
import { createTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-for-the-integration-test';

/** The value of the first sample of `name` whose labels include every `labels` pair, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics (integration)', () => {
  let t: TestApp;
  let metricsPort: number;
  let socket: Socket | undefined;

  const scrape = async (
    headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
  ): Promise<{ status: number; text: string; type: string | null }> => {
    const res = await fetch(`${t.url}/metrics`, { headers });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await createTestApp({ METRICS_TOKEN: TOKEN, METRICS_PORT: metricsPort });
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('answers 401 with { code, message, requestId } without its bearer token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: TOKEN }] as Array<
      Record<string, string>
    >) {
      const res = await scrape(headers);
      expect(res.status).toBe(401);
      expect(apiErrorSchema.parse(JSON.parse(res.text))).toMatchObject({ code: 'unauthenticated' });
      expect(res.text).not.toContain('portico_');
    }
  });

  it('is closed to everyone when no token is configured', async () => {
    const open = await createTestApp();
    try {
      const res = await fetch(`${open.url}/metrics`, { headers: { authorization: 'Bearer ' } });
      expect(res.status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('exposes requests by route template, upstream calls, cache reads, webhooks, breakers, sockets and process metrics', async () => {
    const cookie = await loginAs(t.url, 'owner@acme.example');
    const acme = await accountIdByName(t.url, cookie, 'Acme Hosting Ltd');
    // Two reads of the status document: the first loads every block from the upstreams (dropped first: with Redis
    // another suite may have cached them), the second is a cache hit.
    await t.app
      .get(StatusCacheService)
      .invalidate(acme, ['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage']);
    for (let i = 0; i < 2; i += 1)
      expect((await fetch(`${t.url}/api/v1/accounts/${acme}/status`, { headers: { cookie } })).status).toBe(
        200,
      );
    const body = JSON.stringify({
      event: 'ClientEdit',
      occurredAt: new Date().toISOString(),
      userid: 1,
      params: {},
    });
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const hook = await fetch(`${t.url}/webhooks/whmcs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(t.env.WHMCS_WEBHOOK_SECRET).sign(id, at, body),
      },
      body,
    });
    expect(hook.status).toBe(204);
    socket = io(t.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket?.once('connect', () => resolve());
      socket?.once('connect_error', reject);
    });

    // The worker processes the delivery behind the 204: scrape until it is counted.
    await eventually(
      async () =>
        expect(
          sample((await scrape()).text, 'portico_webhook_deliveries_total', {
            provider: 'whmcs',
            status: 'processed',
          }),
        ).toBeDefined(),
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const res = await scrape();
    const text = res.text;
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(
      sample(text, 'portico_http_request_duration_seconds_count', {
        route: '/api/v1/accounts/:accountId/status',
        method: 'GET',
        status: '200',
      }),
    ).toBe(2);
    expect(
      sample(text, 'portico_upstream_call_duration_seconds_count', {
        provider: 'whmcs',
        action: 'GetClientsDetails',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'portico_upstream_call_duration_seconds_count', { provider: 'salesforce', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'portico_cache_reads_total', { cache: 'status', block: 'billing', result: 'miss' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'portico_cache_reads_total', { cache: 'status', block: 'billing', result: 'hit' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'portico_webhook_deliveries_total', { provider: 'whmcs', status: 'received' })).toBe(
      1,
    );
    expect(sample(text, 'portico_webhook_deliveries_total', { provider: 'whmcs', status: 'processed' })).toBe(
      1,
    );
    expect(sample(text, 'portico_webhook_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'portico_webhook_queue_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'portico_upstream_breaker_state', { provider: 'whmcs', family: 'billing' })).toBe(0);
    expect(sample(text, 'portico_upstream_bulkhead_queued', { provider: 'salesforce' })).toBe(0);
    expect(sample(text, 'portico_realtime_sockets_connected')).toBe(1);
    expect(text).toContain('# TYPE portico_usage_samples_ingested_total counter');
    expect(text).toContain('# TYPE portico_reconciliation_runs_total counter');
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // An unknown route counts under one label, not one series per path.
    await fetch(`${t.url}/no/such/${randomUUID()}`);
    expect(
      sample((await scrape()).text, 'portico_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('serves the same registry on METRICS_PORT (with the token, as one is configured), and only /metrics there', async () => {
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('portico_http_request_duration_seconds');
    const other = await fetch(`http://127.0.0.1:${metricsPort}/api/v1/me`);
    expect(other.status).toBe(404);
    expect(apiErrorSchema.parse(await other.json()).code).toBe('not_found');
  });
});
